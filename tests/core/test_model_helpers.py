"""The model helpers build exactly the fields and constraints written out by hand (so moving
a model onto them changes no migration)."""

from django.conf import settings
from django.db import models

from heard.core.models import dates_in_order, one_current, staff_link


def test_one_current_is_unique_among_the_rows_not_ended():
    assert one_current("group", "young_person", until="left_on", name="one") == (
        models.UniqueConstraint(
            fields=["group", "young_person"], condition=models.Q(left_on__isnull=True), name="one"
        )
    )


def test_dates_in_order_allows_the_empty_dates_named_first():
    assert dates_in_order("start", "end", name="in_order") == models.CheckConstraint(
        condition=models.Q(end__gte=models.F("start")), name="in_order"
    )
    assert dates_in_order(
        "start_date", "end_date", name="in_order", unless_empty=("end_date", "start_date")
    ) == models.CheckConstraint(
        condition=models.Q(end_date__isnull=True)
        | models.Q(start_date__isnull=True)
        | models.Q(end_date__gte=models.F("start_date")),
        name="in_order",
    )


def test_a_staff_link_empties_when_the_account_goes():
    _, _, args, kwargs = staff_link(blank=False).deconstruct()
    expected = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    ).deconstruct()
    assert (args, kwargs) == (expected[2], expected[3])
    assert staff_link().blank is True
