"""The administrator's sign-in events and two-factor staff list are drawn from their columns:
every cell carries its column's label (stacked on a 320 px screen), and the events' CSV keeps
the columns only it has."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from heard.core.models import SignInEvent

pytestmark = pytest.mark.django_db


def test_sign_in_events_stack_each_cell_under_its_label(client_for, admin_user, officer):
    SignInEvent.objects.create(
        event=SignInEvent.Event.REFUSED,
        email="someone@example.org",
        actor=admin_user,
        address="192.0.2.1",
        at=datetime.datetime(2026, 12, 4, 9, 30, 15, tzinfo=datetime.UTC),
    )
    page = client_for(admin_user).get(reverse("core:sign-in-events")).content.decode()
    assert "heard-table--stacked" in page
    assert 'data-label="When">4 December 2026, 09:30:15</td>' in page
    assert '<strong class="govuk-tag govuk-tag--red">Sign-in refused while locked</strong>' in page
    assert f"by {admin_user.email}" in page
    assert 'data-label="Browser">-</td>' in page
    for label in ("Outcome", "Account", "By"):
        assert f'data-label="{label}"' not in page, label


def test_sign_in_events_csv_keeps_its_own_columns(client_for, admin_user):
    SignInEvent.objects.create(event=SignInEvent.Event.FAILED, email="someone@example.org")
    response = client_for(admin_user).get(reverse("core:sign-in-events"), {"format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert header == [
        "When",
        "Event",
        "Outcome",
        "Email address",
        "Account",
        "By",
        "Address",
        "Browser",
        "Detail",
    ]


def test_two_factor_staff_list_stacks_with_a_reset_link(client_for, admin_user, officer):
    TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    page = client_for(admin_user).get(reverse("core:two-factor-account")).content.decode()
    assert f'data-label="Email">{officer.email}</td>' in page
    reset = reverse("core:two-factor-reset", args=[officer.pk])
    assert f'data-label="Action"><a class="govuk-link" href="{reset}">Reset' in page


def test_a_filter_date_that_is_not_a_real_date_is_named(client_for, admin_user):
    page = client_for(admin_user).get(
        reverse("core:sign-in-events"),
        {"start_day": "31", "start_month": "2", "start_year": "2026", "end": "2026-12-01"},
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "The start date must be a real date" in html
    assert "The end date" not in html  # the ISO end date still reads
