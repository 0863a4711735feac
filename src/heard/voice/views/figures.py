"""The loop figures page and a young person's journey."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from heard.core import disclosure
from heard.core.permissions import can, require
from heard.core.years import year_label
from heard.groups import selectors as group_selectors
from heard.people import selectors as people_selectors
from heard.people.models import YoungPerson
from heard.voice import selectors
from heard.voice.disclosure import (
    count_text,
    loop_figures_exact_for,
    loop_figures_shown,
    share_text,
)
from heard.voice.forms import (
    LoopFilterForm,
)
from heard.voice.selectors.told import told_by_message
from heard.voice.views import _columns


def _median_text(median: Any) -> str:
    return f"{median:g}" if isinstance(median, float) else share_text(median)


#: The loop figures a page shows, in order: (label, key in ``loop_figures_shown``, as text).
FIGURE_ROWS: tuple[tuple[str, str, Callable[[Any], str]], ...] = (
    ("Views recorded", "views_recorded", count_text),
    ("Views not yet responded to", "views_not_responded", count_text),
    ("Views responded to", "views_responded", count_text),
    ("Share responded to", "share_responded", share_text),
    ("Views responded to, not yet fed back", "views_responded_not_fed_back", count_text),
    ("Views fed back", "views_fed_back", count_text),
    ("Share fed back", "share_fed_back", share_text),
    ("Median days from view to feedback", "median_days_view_to_feedback", _median_text),
    ("Responses", "responses", count_text),
    ("Responses \u201cnot possible\u201d", "not_possible_responses", count_text),
    (
        "Share of \u201cnot possible\u201d responses that give a reason (must be 100%)",
        "not_possible_with_reason_share",
        share_text,
    ),
)
#: The ratings, counted under ``loop_figures_shown(...)["ratings"]``.
RATING_ROWS = (
    ("Ratings", "total"),
    ("Rated helpful", "helpful"),
    ("Rated not sure", "not_sure"),
    ("Rated not helpful", "not_helpful"),
)


def figures_for_display(figures: dict[str, Any], *, exact: bool) -> list[tuple[str, str]]:
    """The loop figures as (label, value), as ``voice.disclosure`` lets them leave Heard."""
    shown = loop_figures_shown(figures, exact=exact)
    rows = [(label, as_text(shown[key])) for label, key, as_text in FIGURE_ROWS]
    return rows + [(label, count_text(shown["ratings"][key])) for label, key in RATING_ROWS]


@login_required
def loop_figures(request: HttpRequest) -> HttpResponse:
    require(request.user, "voice.view_loop_figures")
    user = request.user
    form = LoopFilterForm(
        request.GET or None,
        # Plain querysets for the choices: the list selectors count members and young people.
        themes=group_selectors.theme_choices(user),
        groups=group_selectors.groups_plain_visible_to(user),
        organisations=people_selectors.organisations_for_young_people_filter(user),
    )
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v}
    filtered = bool(filters)
    exact = loop_figures_exact_for(user)
    if not exact:
        # ADR 0008: a protected reader's figures cover a fixed reporting period only.
        today = timezone.localdate()
        if not filters.get("start") and not filters.get("end"):
            filters["start"], filters["end"] = disclosure.default_period(today)
        elif not disclosure.is_reporting_period(
            filters.get("start") or datetime.date.min, filters.get("end") or today, today=today
        ):
            form.add_error("start", _(disclosure.PERIOD_REFUSED))
            filters["start"], filters["end"] = disclosure.default_period(today)
    figures = selectors.loop_figures(user=user, cells=not exact, **filters)
    context = {
        "form": form,
        "title": _("Loop figures"),
        "figures": figures,
        "rows": figures_for_display(figures, exact=exact),
        "filtered": filtered,
        "exact": exact,
        "period": (filters.get("start"), filters.get("end")),
        "periods": [] if exact else disclosure.reporting_periods(timezone.localdate()),
        "partnership": selectors.partnership_settings(),
    }
    # Young people told by message (heard.messaging): one query of its own.
    told = told_by_message(user=user, **filters)
    context["told_row"] = (
        gettext("Young people told by message"),
        count_text(disclosure.shown(told, exact=exact)),
    )
    return render(request, "voice/loop_figures.html", context)


#: The partnership years a journey page may be asked for (``year_bounds`` needs the next year).
JOURNEY_YEARS = range(1900, 9999)


def _journey_year_asked(raw: str | None) -> int | None:
    """The partnership year in ``?year=``, or None when it is missing or not a year."""
    if raw and re.fullmatch(r"[0-9]{4}", raw) and int(raw) in JOURNEY_YEARS:
        return int(raw)
    return None


@login_required
def young_person_journey(request: HttpRequest, pk: int) -> HttpResponse:
    """One partnership year of their journey at a time (the latest with entries unless
    ``?year=`` asks for another), with links to every year that has entries."""
    young_person: YoungPerson = people_selectors.young_person_get(request.user, pk)
    require(request.user, "people.view_youngperson", young_person)
    years = selectors.young_person_journey_years(user=request.user, young_person=young_person)
    default = selectors.journey_default_year(years, timezone.localdate())
    raw = request.GET.get("year")
    year = _journey_year_asked(raw)
    year_error = ""
    if year is None:
        year = default
        if raw is not None:
            year_error = (
                f"“{raw[:20]}” is not a partnership year (give the year it starts in, such as "
                f"{default}). Showing {year_label(year)}."
            )
    items = selectors.young_person_journey(user=request.user, young_person=young_person, year=year)
    earlier = next((y for y in reversed(years) if y.year < year), None)
    later = next((y for y in years if y.year > year), None)
    context = {
        "young_person": young_person,
        "items": items,
        "columns": _columns.JOURNEY,
        "year": year,
        "year_label": year_label(year),
        "year_error": year_error,
        "years": years,
        # The links to the years either side that have entries: (rel, text, year).
        "year_links": [
            (rel, text, each)
            for rel, text, each in (
                ("prev", "Earlier year", earlier),
                ("next", "Later year", later),
            )
            if each
        ],
        "title": _("Journey of %(reference)s, %(year_label)s")
        % {"reference": young_person.reference, "year_label": year_label(year)},
        "shows_names": can(request.user, "people.view_youngperson_name", young_person),
    }
    return render(request, "voice/journey.html", context)
