"""Groups, their leads and themes, and their lifecycle: validate, check, save, audit."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.dates import long_date
from heard.core.permissions import is_partner_worker, is_programme_staff, is_theme_lead, require
from heard.core.updates import Change, lock
from heard.groups import events
from heard.groups.models import Group, GroupTheme, StageTransition, Theme
from heard.groups.signals import group_kind_changed, group_links_changed
from heard.people.models import Organisation, User

GROUP_FIELDS = (
    "name",
    "kind",
    "host_organisation",
    "stage",
    "stage_changed_on",
    "start_date",
    "planned_end_date",
    "cadence",
    "description",
    "leads",
)
STAGE_FIELDS = ("stage", "stage_changed_on")
#: What ``group_update`` changes; the stage moves only through ``group_move_stage``.
GROUP_UPDATABLE = frozenset(GROUP_FIELDS) - set(STAGE_FIELDS)

Links = list[tuple[Theme, str]]


def _snapshot(group: Group) -> dict[str, Any]:
    """A group's audited values, its themes as ``<theme id>:<relationship>``, sorted."""
    themes = sorted(f"{link.theme_id}:{link.relationship}" for link in group.theme_links.all())
    return {**audit.snapshot(group, GROUP_FIELDS), "themes": themes}


def _clean_theme_links(themes: Iterable[tuple[Theme, str]]) -> Links:
    links: Links = []
    seen: set[int] = set()
    for theme, relationship in themes:
        if relationship not in GroupTheme.Relationship.values:
            raise ValidationError(
                {
                    "themes": _("“%(relationship)s” is not a relationship to a theme.")
                    % {"relationship": relationship}
                }
            )
        if theme.pk in seen:
            raise ValidationError(
                {
                    "themes": _("%(theme)s is listed twice: choose working on or affected by.")
                    % {"theme": theme}
                }
            )
        seen.add(theme.pk)
        links.append((theme, relationship))
    return links


def _scope_errors(
    actor: User | None, *, host_organisation: Organisation, leads: Iterable[User], themes: Links
) -> dict[str, str]:
    """Theme leads and partner workers may only create or keep groups they are responsible for
    (a rule about the group as it will be, not about the group as it is: not the policy's)."""
    if actor is None or is_programme_staff(actor):
        return {}
    if is_partner_worker(actor) and host_organisation.pk != actor.organisation_id:
        return {"host_organisation": "You can only keep groups hosted by your own organisation."}
    if is_theme_lead(actor):
        leads_it = any(user.pk == actor.pk for user in leads)
        on_their_theme = any(theme.lead_id == actor.pk for theme, _ in themes)
        if not (leads_it or on_their_theme):
            return {
                "leads": "Add yourself as a lead, or link the group to a theme you lead: "
                "theme leads keep the groups they are responsible for."
            }
    return {}


def _inactive_lead(leads: Iterable[User]) -> dict[str, str]:
    for user in leads:
        if not user.is_active:
            return {"leads": f"{user} is not an active member of staff."}
    return {}


@transaction.atomic
def group_create(
    *,
    actor: User | None,
    name: str,
    kind: str,
    host_organisation: Organisation,
    leads: Iterable[User] = (),
    themes: Iterable[tuple[Theme, str]] = (),
    stage: str = Group.Stage.PROPOSED,
    start_date: datetime.date | None = None,
    planned_end_date: datetime.date | None = None,
    cadence: str = Group.Cadence.MONTHLY,
    description: str = "",
) -> Group:
    """Create a group at its first stage (usually proposed), recorded as its first transition."""
    require(actor, "groups.add_group")
    lead_list = list(leads)
    links = _clean_theme_links(themes)
    errors = _inactive_lead(lead_list) or _scope_errors(
        actor, host_organisation=host_organisation, leads=lead_list, themes=links
    )
    if errors:
        raise ValidationError(errors)
    stage_date = start_date or timezone.localdate()
    group = Group(
        name=name,
        kind=kind,
        host_organisation=host_organisation,
        stage=stage,
        stage_changed_on=stage_date,
        start_date=start_date,
        planned_end_date=planned_end_date,
        cadence=cadence,
        description=description,
    )
    group.full_clean()
    group.save()
    group.leads.set(lead_list)
    GroupTheme.objects.bulk_create(
        GroupTheme(group=group, theme=theme, relationship=relationship)
        for theme, relationship in links
    )
    transition = StageTransition(
        group=group, from_stage="", to_stage=stage, date=stage_date, note="Group created.", by=actor
    )
    transition.full_clean(exclude=["by"])
    transition.save()
    changes = audit.diff({}, _snapshot(group))
    audit.record(actor=actor, event=events.GROUP_CREATED, obj=group, changes=changes)
    return group


#: Audited below, with the themes, as one entry.
_GROUP_UPDATE = Change("group_update", events.GROUP_CHANGED, GROUP_UPDATABLE, audited=())


@transaction.atomic
def group_update(*, actor: User | None, group: Group, **fields: Any) -> Group:
    """Change a group's details, leads or themes (``themes`` as (theme, relationship) pairs).

    The stage moves only through ``group_move_stage``, so every move is dated and kept.
    """
    require(actor, "groups.change_group", group)
    links = _clean_theme_links(fields.pop("themes")) if "themes" in fields else None

    def check(locked: Group, values: dict[str, Any], errors: dict[str, Any]) -> None:
        leads = list(values["leads"]) if "leads" in values else list(locked.leads.all())
        kept = links
        if kept is None:
            current = locked.theme_links.select_related("theme")
            kept = [(link.theme, link.relationship) for link in current]
        host = values.get("host_organisation", locked.host_organisation)
        errors.update(
            _inactive_lead(leads)
            or _scope_errors(actor, host_organisation=host, leads=leads, themes=kept)
        )

    locked = lock(group)
    before = _snapshot(locked)
    _GROUP_UPDATE.apply(locked, actor=actor, fields=fields, check=check, locked=True)
    if links is not None:
        _replace_theme_links(locked, links)
    changes = audit.diff(before, _snapshot(locked))
    if changes:
        audit.record(actor=actor, event=events.GROUP_CHANGED, obj=locked, changes=changes)
    if "kind" in changes:
        group_kind_changed.send(sender=Group, group=locked)
    if {"leads", "themes"} & set(changes):
        group_links_changed.send(sender=Group, group=locked)
    return locked


def _replace_theme_links(group: Group, links: Links) -> None:
    """Link the group to exactly ``links``."""
    wanted = {theme.pk: relationship for theme, relationship in links}
    group.theme_links.exclude(theme_id__in=wanted).delete()
    existing = {link.theme_id: link for link in group.theme_links.all()}
    for theme_id, relationship in wanted.items():
        link = existing.get(theme_id)
        if link is None:
            GroupTheme.objects.create(group=group, theme_id=theme_id, relationship=relationship)
        elif link.relationship != relationship:
            link.relationship = relationship
            link.save(update_fields=["relationship"])


def _stage_error(group: Group, to_stage: str) -> str | None:
    """Why ``group`` may not move to ``to_stage`` (``Group.TRANSITIONS``), or None."""
    if to_stage not in Group.Stage.values:
        return _("“%(stage)s” is not a stage.") % {"stage": to_stage}
    allowed = Group.TRANSITIONS.get(group.stage, ())
    if to_stage in allowed:
        return None
    current = Group.Stage(group.stage).label
    if not allowed:
        return _("This group is %(stage)s: it cannot move to another stage.") % {
            "stage": current.lower()
        }
    labels = " or ".join(str(Group.Stage(stage).label) for stage in allowed)
    return _(
        "A group at stage %(current)s cannot move to %(to_stage)s: it can move to %(labels)s."
    ) % {
        "current": current,
        "to_stage": Group.Stage(to_stage).label,
        "labels": labels,
    }


_GROUP_MOVE_STAGE = Change("group_move_stage", events.GROUP_STAGE_MOVED, STAGE_FIELDS)


@transaction.atomic
def group_move_stage(
    *, actor: User | None, group: Group, to_stage: str, date: datetime.date, note: str = ""
) -> StageTransition:
    """Move a group along its lifecycle, only as ``Group.TRANSITIONS`` allows."""
    require(actor, "groups.change_group", group)
    locked = lock(group)
    message = _stage_error(locked, to_stage)
    if message:
        raise ValidationError({"to_stage": message})
    transition = StageTransition(
        group=locked, from_stage=locked.stage, to_stage=to_stage, date=date, note=note, by=actor
    )
    transition.full_clean(exclude=["by"])
    if locked.stage_changed_on and date < locked.stage_changed_on:
        raise ValidationError(
            {
                "date": _("The date cannot be before the group's last stage change on %(date)s.")
                % {"date": long_date(locked.stage_changed_on)}
            }
        )
    transition.save()
    moved = {"stage": to_stage, "stage_changed_on": date}
    metadata = {"note": note} if note else None
    _GROUP_MOVE_STAGE.apply(locked, actor=actor, fields=moved, metadata=metadata, locked=True)
    group.stage, group.stage_changed_on = locked.stage, locked.stage_changed_on
    return transition
