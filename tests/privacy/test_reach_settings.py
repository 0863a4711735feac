"""Benchmark shares and least-heard targets: set, changed (audited as [old, new]), refused with
messages that name the field."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from heard.core.models import AuditEntry
from heard.privacy import services
from heard.privacy.models import BenchmarkShare

pytestmark = pytest.mark.django_db


def entries(obj):
    return list(AuditEntry.objects.about(obj).order_by("id").values_list("event", "changes"))


def test_a_benchmark_share_is_set_then_changed(officer):
    share = services.benchmark_share_save(
        actor=officer, characteristic="area", value="Ely", share="12.5%", area="Ely"
    )
    again = services.benchmark_share_save(
        actor=officer, characteristic="area", value="Ely", share=14, area="Ely", source="ONS"
    )
    assert again.pk == share.pk and BenchmarkShare.objects.count() == 1
    assert again.share == 14 and again.source == "ONS"
    (set_event, created), (changed_event, changes) = entries(share)
    assert set_event == "benchmark_share.set" and created["share"] == [None, "12.5"]
    assert changed_event == "benchmark_share.changed"
    assert changes == {"share": ["12.50", "14"], "source": ["", "ONS"]}


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"value": ""}, "value", "Enter the value"),
        ({"value": "elf"}, "value", "is not a value of Gender"),
        ({"characteristic": "shoe_size"}, "characteristic", "Choose a characteristic"),
        ({"share": "lots"}, "share", "percentage from 0 to 100"),
        ({"share": "NaN"}, "share", "percentage from 0 to 100"),
        ({"source": "x" * 201}, "source", "200 characters or fewer"),
    ],
)
def test_a_bad_benchmark_share_is_refused(officer, values, field, words):
    given = {"characteristic": "gender", "value": "girl_woman", "share": 50, **values}
    with pytest.raises(ValidationError) as exc:
        services.benchmark_share_save(actor=officer, **given)
    assert words in exc.value.message_dict[field][0]
    assert not BenchmarkShare.objects.exists()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("characteristic,value\nsend,yes\n", "needs the columns"),
        ("characteristic,value,share\n", "no rows"),
    ],
)
def test_a_benchmark_file_without_the_columns_or_rows_is_refused(officer, text, words):
    with pytest.raises(ValidationError) as exc:
        services.benchmark_shares_import(actor=officer, text=text)
    assert words in exc.value.message_dict["file"][0]


def test_a_named_target_is_set_then_changed(officer):
    target = services.least_heard_target_save(
        actor=officer,
        group="named",
        name="Young carers",
        characteristic="young_carer",
        value="yes",
        target=5,
        start=datetime.date(2026, 4, 1),
        end=datetime.date(2027, 3, 31),
    )
    assert target.label == "Young carers"
    changed = services.least_heard_target_save(
        actor=officer,
        instance=target,
        group="named",
        name="Young carers",
        characteristic="young_carer",
        value="yes",
        target=8,
        start="2026-04-01",
        end="2027-03-31",
    )
    assert changed.target == 8
    assert entries(target)[-1] == ("least_heard_target.changed", {"target": [5, 8]})


@pytest.mark.parametrize(
    ("values", "errors"),
    [
        ({"start": "soon", "end": None}, {"start", "end"}),
        ({"characteristic": "shoe_size"}, {"characteristic"}),
        ({"value": "maybe"}, {"value"}),
    ],
)
def test_a_bad_named_target_is_refused(officer, values, errors):
    given = {
        "group": "named",
        "name": "Young carers",
        "characteristic": "young_carer",
        "value": "yes",
        "target": 5,
        "start": "2026-04-01",
        "end": "2027-03-31",
        **values,
    }
    with pytest.raises(ValidationError) as exc:
        services.least_heard_target_save(actor=officer, **given)
    assert set(exc.value.message_dict) == errors
