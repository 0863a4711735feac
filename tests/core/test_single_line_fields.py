"""One-line text fields beyond names hold one line too (issue 15, section 5): what a page, a CSV
or a calendar shows on one line (an evidence description, who decided, a course, a certificate
number, a referral reference, an area, a benchmark's value and source, a named least-heard group)
refuses line breaks and control characters with the same message, in the model's clean(), so
every service, page and API write refuses them."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from heard.privacy.models import BenchmarkShare, EqualityRecord, LeastHeardTarget
from tests import factories

BROKEN = "first line\r\nsecond line"


def _instances():
    return {
        "evidence description": (factories.EvidenceFactory.build, "description"),
        "decision maker": (factories.ResponseFactory.build, "decision_maker"),
        "training course": (factories.TrainingRecordFactory.build, "course"),
        "certificate number": (factories.BackgroundCheckFactory.build, "certificate_number"),
        "referral reference": (factories.ConcernFactory.build, "referral_reference"),
        "equality area": (lambda: EqualityRecord(), "area"),
        "gender in their own words": (lambda: EqualityRecord(), "gender_description"),
        "benchmark value": (lambda: BenchmarkShare(characteristic="ethnicity"), "value"),
        "benchmark source": (lambda: BenchmarkShare(characteristic="ethnicity"), "source"),
        "least-heard group name": (
            lambda: LeastHeardTarget(
                group="named",
                target=5,
                start=datetime.date(2026, 4, 1),
                end=datetime.date(2027, 3, 31),
            ),
            "name",
        ),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(_instances()))
def test_a_line_break_is_refused(case):
    build, field = _instances()[case]
    obj = build()
    setattr(obj, field, BROKEN)
    with pytest.raises(ValidationError) as caught:
        obj.clean()
    [message] = caught.value.message_dict[field]
    assert message.startswith("Enter the ") and "on one line" in message
    setattr(obj, field, "one line – with <markup> & ünïcode")
    obj.clean()  # the same object with one line is fine (other rules aside)


@pytest.mark.django_db
def test_the_api_refuses_a_course_over_two_lines(api_for, lead):
    staff = factories.UserFactory()
    answer = api_for(lead).post(
        "/api/v1/training-records/",
        {"staff": staff.pk, "course": BROKEN, "completed_on": "2026-11-01"},
        format="json",
    )
    assert answer.status_code == 400, answer.content
    assert "one line" in str(answer.json())
