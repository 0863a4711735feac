"""Who answers for which view through themes and groups (``ViewResponsibility``), kept in step
with the links it derives from.

A user answers for a view when they lead one of its themes, lead the group of the session it was
given in or a theme of that group, or lead a theme of the group that gave it (the theme lead's
scope in ``voice.selectors``). Each row carries the view's status and date, so a theme lead's
overdue views are a range of one index.

Who keeps it, in the transaction of the change:

- the voice services, for the views they record or change (:func:`refresh`) and when they move a
  view along the loop (:func:`set_status`);
- for a group's new leads or themes, a theme's new lead and a session moved to another group,
  the groups and participation services send a signal (``heard.groups.signals``,
  ``heard.participation.signals``) that the voice app connects to :func:`refresh` of the views
  concerned, because those apps may not import voice;
- the generator and ``heard responsibilities --rebuild`` call :func:`rebuild`;
  ``heard responsibilities --check`` (:func:`differences`) proves it on a live database.

Every write goes through one ``INSERT ... SELECT`` of the union below, so the rows are by
construction what the links give.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F, QuerySet

from heard.core.sql import insert_select
from heard.voice.models import View, ViewResponsibility

#: The links through which a user answers for a view, as paths from the view to a user.
PATHS = (
    "themes__lead",
    "session__group__leads",
    "session__group__theme_links__theme__lead",
    "group__theme_links__theme__lead",
)
COLUMNS = (
    ("user_id", "r_user"),
    ("view_id", "r_view"),
    ("status", "r_status"),
    ("recorded_on", "r_recorded_on"),
)


def rows(ids: QuerySet[Any] | None = None, view_model: Any = None) -> QuerySet[Any, Any]:
    """The responsibility rows of the views with these ids (a queryset of ids; None: every
    view), once each: a union of one query per path."""
    view_model = view_model or View
    base = view_model.objects.all() if ids is None else view_model.objects.filter(pk__in=ids)
    branches = [
        base.filter(**{f"{path}__isnull": False})
        .annotate(
            r_user=F(path),
            r_view=F("pk"),
            r_status=F("status"),
            r_recorded_on=F("recorded_on"),
        )
        .values(*(alias for _, alias in COLUMNS))
        .order_by()
        for path in PATHS
    ]
    return branches[0].union(*branches[1:])


def insert(
    ids: QuerySet[Any] | None = None, view_model: Any = None, table_model: Any = None
) -> None:
    """Write the rows of the views with these ids (None: every view), whose rows must not exist:
    one ``INSERT ... SELECT``.

    ``view_model`` and ``table_model`` are for the migration that fills the table, which passes
    its historical models."""
    view_model, table_model = view_model or View, table_model or ViewResponsibility
    insert_select(table_model, COLUMNS, rows(ids, view_model))


@transaction.atomic
def refresh(ids: QuerySet[Any]) -> None:
    """Remake the rows of the views with these ids (a queryset of ids): call it in the
    transaction that changed their themes, session, group or date, or the leads or themes of a
    group or theme they reach."""
    # One refresh at a time per view, in id order (so two cannot deadlock): two at once would
    # each delete the rows the other had not committed and both insert (a duplicate row).
    list(
        View.objects.select_for_update(no_key=True)
        .filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    ViewResponsibility.objects.filter(view_id__in=ids).delete()
    insert(ids)


def set_status(view_ids: list[int], status: str) -> None:
    """Copy the views' new status to their rows: call it where the loop moves the views."""
    ViewResponsibility.objects.filter(view_id__in=view_ids).update(status=status)


def view_ids(view: Any) -> QuerySet[Any]:
    """The id of one view, as :func:`refresh` takes it."""
    return View.objects.filter(pk=view.pk).values("pk")


def views_of_group(group_id: int) -> QuerySet[Any]:
    """Ids of the views a group's leads or themes reach: given by the group or in its sessions."""
    return (
        View.objects.filter(group_id=group_id)
        .values("pk")
        .order_by()
        .union(View.objects.filter(session__group_id=group_id).values("pk").order_by())
    )


def views_of_theme(theme_id: int) -> QuerySet[Any]:
    """Ids of the views a theme's lead reaches: of the theme, or of a group on the theme (given
    by it or in its sessions)."""
    return (
        View.objects.filter(themes=theme_id)
        .values("pk")
        .order_by()
        .union(
            View.objects.filter(group__theme_links__theme_id=theme_id).values("pk").order_by(),
            View.objects.filter(session__group__theme_links__theme_id=theme_id)
            .values("pk")
            .order_by(),
        )
    )


@transaction.atomic
def rebuild() -> int:
    """Remake every row from the links; returns how many there are."""
    ViewResponsibility.objects.all().delete()
    insert()
    return ViewResponsibility.objects.count()


def differences(limit: int = 20) -> tuple[int, list[str]]:
    """How many rows differ from what the links give, with a few of them."""
    aliases = [alias for _, alias in COLUMNS]
    expected = {tuple(row[alias] for alias in aliases) for row in rows().iterator(chunk_size=5000)}
    kept = set(
        ViewResponsibility.objects.values_list(*(column for column, _ in COLUMNS)).iterator(
            chunk_size=5000
        )
    )
    missing, extra = expected - kept, kept - expected
    shown = [f"missing {row}" for row in sorted(missing, key=str)[:limit]]
    shown += [
        f"not given by the links {row}"
        for row in sorted(extra, key=str)[: max(limit - len(shown), 0)]
    ]
    return len(missing) + len(extra), shown
