"""The link fields (``heard.core.fields``) are the ForeignKeys written out by hand, so a model
moved onto them changes no migration."""

import pytest
from django.conf import settings
from django.db import models

from heard.core.fields import organisation_link, user_link, young_person_link


def _same(field, expected):
    return field.deconstruct()[1:] == expected.deconstruct()[1:]


def test_an_organisation_is_protected_and_required_unless_optional():
    assert _same(
        organisation_link("sessions"),
        models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="sessions"),
    )
    assert _same(
        organisation_link("+", optional=True, help_text="Whose."),
        models.ForeignKey(
            "people.Organisation",
            null=True,
            blank=True,
            on_delete=models.PROTECT,
            related_name="+",
            help_text="Whose.",
        ),
    )


def test_a_young_persons_records_go_with_them():
    assert _same(
        young_person_link("memberships"),
        models.ForeignKey(
            "people.YoungPerson", on_delete=models.CASCADE, related_name="memberships"
        ),
    )
    assert _same(
        young_person_link("+", on_delete=models.PROTECT, optional=True),
        models.ForeignKey(
            "people.YoungPerson",
            null=True,
            blank=True,
            on_delete=models.PROTECT,
            related_name="+",
        ),
    )


def test_a_user_link_is_emptied_when_the_account_goes():
    assert _same(
        user_link("led_themes"),
        models.ForeignKey(
            settings.AUTH_USER_MODEL,
            null=True,
            blank=True,
            on_delete=models.SET_NULL,
            related_name="led_themes",
        ),
    )
    assert _same(
        user_link("jobs", on_delete=models.CASCADE, optional=False),
        models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs"),
    )


@pytest.mark.parametrize("factory", [organisation_link, young_person_link, user_link])
def test_a_different_link_is_told_apart(factory):
    assert not _same(factory("a"), factory("b"))
    assert not _same(factory("a", optional=True), factory("a", optional=False))
