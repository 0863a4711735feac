"""Fuzz every operation of the served OpenAPI document as every role that has a token: the first
of ``fuzzing.SHARES`` files (``tests/api/fuzzing.py`` says how and why), and the check that the
files fuzz every operation the document serves."""

from __future__ import annotations

import pytest

from tests.api import fuzzing

pytestmark = pytest.mark.django_db(transaction=False)


def test_the_files_fuzz_every_served_operation(admin_user):
    """The operations read at collection are the served document's, and the files deal every one
    of them, once."""
    from rest_framework.authtoken.models import Token

    document, schema = fuzzing.served_document(Token.objects.create(user=admin_user).key)
    served = [result.ok().label for result in schema.get_all_operations()]
    assert sorted(served) == sorted(fuzzing.operation_labels())
    dealt = [param.values[0] for number in range(fuzzing.SHARES) for param in fuzzing.share(number)]
    assert sorted(dealt) == sorted(served)
    assert document["paths"], "the served document has no operations"


@pytest.mark.parametrize("label", fuzzing.share(0))
def test_operation_as_every_role(label, make_user, organisation):
    fuzzing.fuzz(label, make_user, organisation)
