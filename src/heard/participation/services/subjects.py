"""Who a session is with, checked once for logging, changing and importing: one group (and
perhaps others), one young person, or neither (an organisation's young people, or open to
all), and one the actor may log for (issue 18)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext as _

from heard.core.permissions import is_partner_worker, is_theme_lead
from heard.groups.models import Group
from heard.people.models import Organisation, YoungPerson

if TYPE_CHECKING:
    from heard.participation.services.checks import Register


def _on_register(subject: Any, model: type[models.Model]) -> bool:
    return subject is None or (isinstance(subject, model) and subject.pk is not None)


def _subject_problem(group: Any, young_person: Any, organisation: Any) -> tuple[str, str] | None:
    """What is wrong with the subject whoever logs it: one group, one young person, or neither
    and the organisation whose session it is."""
    if not _on_register(group, Group):
        return "group", "Choose a group that is on the register."
    if not _on_register(young_person, YoungPerson):
        return "young_person", "Choose a young person who is on the register."
    if not _on_register(organisation, Organisation):
        return "organisation", "Choose an organisation that is on the register."
    if group is not None and young_person is not None:
        return "young_person", (
            "A session is for a group or for one young person, not both: "
            "leave the young person empty for a group session."
        )
    if group is None and young_person is None and organisation is None:
        return "group", (
            "Choose the group the session was with, the young person for an individual session, "
            "or the organisation for a session with no group (an event, say)."
        )
    return None


#: Why an actor may not log a session for a subject: not their organisation's, not one they
#: see, not one a theme lead logs for.
_REFUSALS = {
    "group": (
        "You can log sessions only for groups hosted by your organisation.",
        "Choose a group you can see.",
        "As a theme lead you can log sessions only for groups you lead "
        "or groups linked to a theme you lead.",
    ),
    "young_person": (
        "You can log sessions only for young people your organisation supports.",
        "Choose a young person you can see.",
        "As a theme lead you can log sessions for your groups, not individual sessions.",
    ),
}


def _organisation_refusal(register: Register, organisation: Organisation) -> str | None:
    """Why the actor may not log a session of this organisation with no group or young person:
    a partner worker logs their own organisation's; a theme lead logs for their groups."""
    actor = register.actor
    if is_partner_worker(actor) and organisation.pk != actor.organisation_id:
        return "You can log sessions only for your own organisation."
    if is_theme_lead(actor):
        return (
            "As a theme lead you can log sessions for your groups, not an organisation's "
            "or open sessions."
        )
    return None


def _refusal(
    register: Register, group: Any, young_person: Any, organisation: Any = None
) -> tuple[str, str] | None:
    """Why the actor may not log a session for this group, young person or organisation, at
    which field."""
    actor = register.actor
    if group is None and young_person is None:
        refused = _organisation_refusal(register, organisation)
        return None if refused is None else ("organisation", refused)
    name = "group" if group is not None else "young_person"
    not_ours, unseen, not_a_theme_leads = _REFUSALS[name]
    if is_partner_worker(actor) and organisation_id(group, young_person) != actor.organisation_id:
        return name, not_ours
    if group is not None:
        seen = register.sees_group(group)
    else:
        seen = bool(register.young_people_seen({young_person.pk}))
    if not seen:
        return name, unseen
    if is_theme_lead(actor) and (group is None or not register.answers_for(group)):
        return name, not_a_theme_leads
    return None


def check_subject(
    register: Register,
    group: Any,
    young_person: Any,
    errors: dict[str, Any],
    organisation: Any = None,
) -> None:
    """A session is for one group, one young person, or (neither) an organisation's young
    people or open to all; one the actor may log for."""
    problem = _subject_problem(group, young_person, organisation) or _refusal(
        register, group, young_person, organisation
    )
    if problem is not None:
        errors[problem[0]] = problem[1]


def check_other_groups(
    register: Register, group: Any, others: Iterable[Any], errors: dict[str, Any]
) -> list[Group]:
    """A session with several groups: the others join its group's session, each a group on the
    register the actor can see, each once."""
    chosen = [other for other in others if other is not None]
    if not chosen:
        return []
    if group is None:
        errors["other_groups"] = _(
            "Other groups join a group's session: choose the session's group first."
        )
        return []
    problems = []
    for other in chosen:
        if not isinstance(other, Group) or other.pk is None:
            problems.append(f"{other!r} is not a group on the register.")
        elif not register.sees_group(other):
            problems.append(f"Choose groups you can see: not {other.name}.")
    if problems:
        errors["other_groups"] = problems
        return []
    return [other for other in dict.fromkeys(chosen) if other.pk != group.pk]


def check_open(is_open: bool, group: Any, young_person: Any, errors: dict[str, Any]) -> None:
    if is_open and (group is not None or young_person is not None):
        errors["is_open"] = _(
            "A session open to all has no group or young person: leave them empty, "
            "or say it was not open to all."
        )


def organisation_id(
    group: Group | None, young_person: YoungPerson | None, organisation: Any = None
) -> int | None:
    """The organisation whose session it is: the group's host, the young person's, or (with
    neither) the one named."""
    if group is not None:
        return group.host_organisation_id
    if young_person is not None:
        return young_person.organisation_id
    return organisation.pk if organisation is not None else None
