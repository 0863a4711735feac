"""The ``generate`` command on an empty database, and on one that already holds records.

Apart from tests/demo/test_generator.py, whose module shares one generated tiny scale
(tests/demo_database.py): this test needs the database empty when it starts.
"""

from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from heard.demo import generator
from heard.people.models import YoungPerson
from tests.demo.test_generator import NOW, TODAY

TINY = generator.SCALES["tiny"]


def test_the_command_refuses_a_database_with_data_unless_forced(db):
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("generate", scale="tiny", today=TODAY, stdout=out)
        people = list(YoungPerson.objects.values_list("reference", flat=True))
        with pytest.raises(CommandError, match="already holds .* Nothing was written"):
            call_command("generate", scale="tiny", seed=9, today=TODAY, stdout=StringIO())
        assert list(YoungPerson.objects.values_list("reference", flat=True)) == people
        forced = StringIO()
        call_command("generate", scale="tiny", seed=9, force=True, today=TODAY, stdout=forced)
    assert "--force: deleted" in forced.getvalue()
    assert YoungPerson.objects.count() == TINY.young_people
    assert set(YoungPerson.objects.values_list("reference", flat=True)) != set(people)
    assert "Generated the tiny scale" in out.getvalue()
