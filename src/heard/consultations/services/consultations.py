"""Consultations: the partnership's registry, and the "asked before?" check before one starts."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from heard.consultations import events, selectors
from heard.consultations.models import Answer, Consultation
from heard.core import audience, audit
from heard.core.permissions import can, require
from heard.core.roles import Role
from heard.core.svc_values import plain_texts
from heard.core.updates import (
    Change,
    audited_create,
    full_clean,
    plain_text,
    record_deleted,
)
from heard.groups.models import Group, Theme
from heard.people import selectors as people_selectors
from heard.people.models import Organisation, User
from heard.voice.models import Response
from heard.voice.policies import RESPONSE_POLICY

CONSULTATION_FIELDS = (
    "title",
    "summary",
    "organisation",
    "owner",
    "themes",
    "age_bands",
    "groups",
    "areas",
    "organisations",
    "opens_on",
    "closes_on",
    "method",
    "findings",
    "decisions",
    "responses",
)
#: The many-to-many values a consultation is created with.
RELATED = ("themes", "groups", "organisations", "responses")
AREAS = "Enter each area on its own line, in 100 characters or fewer."
NOT_YOURS = gettext_noop("Choose your own organisation.")
LEAD_A_THEME = gettext_noop("Choose at least one theme you lead.")
NO_THEMES = gettext_noop("Choose themes that already exist.")
#: The error of a record that is not on the register, by the field that names it.
UNKNOWN = {
    "groups": gettext_noop("Choose groups that are on the register."),
    "organisations": gettext_noop("Choose organisations that are on the register."),
    "responses": gettext_noop("Choose responses that are on the register."),
}
OWNER = gettext_noop("Choose an active member of staff as the owner.")
OWNER_ORGANISATION = gettext_noop("Choose a member of staff of your own organisation as the owner.")
RESPONSES = gettext_noop("Choose responses in the loop that you can see.")
STILL_A_SURVEY = gettext_noop("Young people have answered this survey: it stays a survey.")
DATES = gettext_noop("The closing date must be on or after the opening date.")


class SimilarConsultations(ValidationError):
    """Raised instead of saving when others on the same themes and audience ran in the last 12
    months and the actor has not said to start it anyway. ``similar`` lists them."""

    def __init__(self, similar: list[Consultation]) -> None:
        self.similar = similar
        titles = "; ".join(consultation.title for consultation in similar)
        super().__init__(
            {
                "confirm_similar": (
                    "Young people in this audience were asked about these themes in the last "
                    f"12 months: {titles}. Check them, then start it anyway if it is not the "
                    "same question."
                )
            }
        )


def _saved(items: Iterable[Any], model: type[Any]) -> tuple[list[Any], bool]:
    chosen = list(items or ())
    return chosen, all(isinstance(item, model) and item.pk for item in chosen)


def _check_relations(actor: Any, values: dict[str, Any], errors: dict[str, Any]) -> None:
    """Themes, groups, organisations, owner and loop responses: records that exist (and, for
    the responses, that the actor may read). Changes ``values`` to lists."""
    for name, model, noun in (
        ("themes", Theme, "themes"),
        ("groups", Group, "groups"),
        ("organisations", Organisation, "organisations"),
        ("responses", Response, "responses"),
    ):
        if name not in values:
            continue
        chosen, ok = _saved(values[name], model)
        values[name] = chosen
        if not ok:
            errors[name] = _(NO_THEMES) if name == "themes" else _(UNKNOWN[noun])
    if "responses" in values and "responses" not in errors and actor is not None:
        seen = RESPONSE_POLICY.scope(actor, "view").filter(
            pk__in=[response.pk for response in values["responses"]]
        )
        if seen.count() != len({response.pk for response in values["responses"]}):
            errors["responses"] = _(RESPONSES)
    if "owner" in values and values["owner"] is not None:
        owner = values["owner"]
        if not isinstance(owner, User) or not owner.is_active or not owner.role:
            errors["owner"] = _(OWNER)
        elif getattr(actor, "role", None) == Role.PARTNER_WORKER and (
            owner.organisation_id != actor.organisation_id
        ):
            errors["owner"] = _(OWNER_ORGANISATION)


def _check_theme_lead(actor: Any, themes: list[Theme], errors: dict[str, Any]) -> None:
    """A theme lead keeps only consultations on a theme they lead."""
    if (
        getattr(actor, "role", None) == Role.THEME_LEAD
        and "themes" not in errors
        and not any(theme.lead_id == actor.pk for theme in themes)
    ):
        errors["themes"] = _(LEAD_A_THEME)


def _check_dates(opens_on: Any, closes_on: Any, errors: dict[str, Any]) -> None:
    if (
        isinstance(opens_on, datetime.date)
        and isinstance(closes_on, datetime.date)
        and closes_on < opens_on
    ):
        errors.setdefault("closes_on", _(DATES))


def _refuse_invalid(
    actor: Any, consultation: Consultation, related: dict[str, Any], errors: dict[str, Any]
) -> None:
    """A new consultation's rules: the actor's organisation and themes, its dates, its fields."""
    if consultation.organisation_id is not None and not can(
        actor, "consultations.add_consultation", consultation
    ):
        errors["organisation"] = _(NOT_YOURS)
    _check_theme_lead(actor, related["themes"], errors)
    _check_dates(consultation.opens_on, consultation.closes_on, errors)
    full_clean(consultation, errors, exclude=["recorded_by"])
    if errors:
        raise ValidationError(errors)


def _refuse_similar(consultation: Consultation, related: dict[str, Any]) -> None:
    """Raise :class:`SimilarConsultations` when others on its themes and audience ran lately."""
    similar = selectors.similar_consultations(
        themes=related["themes"],
        opens_on=consultation.opens_on,
        closes_on=consultation.closes_on,
        age_bands=consultation.age_bands,
        groups=related["groups"],
        areas=consultation.areas,
        organisations=related["organisations"],
    )
    if similar:
        raise SimilarConsultations(similar)


@transaction.atomic
def consultation_create(
    *,
    actor: Any,
    title: str,
    organisation: Organisation,
    opens_on: datetime.date,
    closes_on: datetime.date,
    method: str,
    summary: str = "",
    owner: User | None = None,
    themes: Iterable[Theme] = (),
    age_bands: Iterable[str] = (),
    groups: Iterable[Group] = (),
    areas: Iterable[str] = (),
    organisations: Iterable[Organisation] = (),
    findings: str = "",
    decisions: str = "",
    responses: Iterable[Response] = (),
    confirm_similar: bool = False,
) -> Consultation:
    """Add a consultation to the registry. Unless ``confirm_similar``, refuse with
    :class:`SimilarConsultations` when others on its themes and audience ran in the 12 months
    before it opens (or overlap it), so the actor sees them first."""
    require(actor, "consultations.add_consultation")
    errors: dict[str, Any] = {}
    related: dict[str, Any] = {
        "themes": themes,
        "groups": groups,
        "organisations": organisations,
        "responses": responses,
        "owner": owner if owner is not None else actor,
    }
    _check_relations(actor, related, errors)
    consultation = Consultation(
        title=plain_text(title),
        summary=plain_text(summary),
        organisation=organisation if isinstance(organisation, Organisation) else None,
        owner=related["owner"] if "owner" not in errors else None,
        age_bands=audience.age_bands(age_bands, errors),
        areas=audience.areas(areas, errors, message=AREAS, blank_ok=False),
        opens_on=opens_on,
        closes_on=closes_on,
        method=method,
        findings=plain_text(findings),
        decisions=plain_text(decisions),
        recorded_by=actor,
    )
    _refuse_invalid(actor, consultation, related, errors)
    if not confirm_similar:
        _refuse_similar(consultation, related)
    return audited_create(
        consultation,
        actor=actor,
        event=events.CONSULTATION_ADDED,
        fields=CONSULTATION_FIELDS,
        related={name: related[name] for name in RELATED},
        metadata={"similar_confirmed": True} if confirm_similar else None,
        clean=False,
    )


_CONSULTATION_UPDATE = Change(
    "consultation_update", events.CONSULTATION_CHANGED, CONSULTATION_FIELDS
)


@transaction.atomic
def consultation_update(*, actor: Any, consultation: Consultation, **fields: Any) -> Consultation:
    """Change a consultation: its findings and the decisions that followed as they come."""
    require(actor, "consultations.change_consultation", consultation)

    def check(obj: Consultation, values: dict[str, Any], errors: dict[str, Any]) -> None:
        plain_texts(values, ("title", "summary", "findings", "decisions"))
        if "age_bands" in values:
            values["age_bands"] = audience.age_bands(values["age_bands"], errors)
        if "areas" in values:
            values["areas"] = audience.areas(values["areas"], errors, message=AREAS, blank_ok=False)
        _check_relations(actor, values, errors)
        if "themes" in values:
            _check_theme_lead(actor, values["themes"], errors)
        organisation = values.get("organisation", obj.organisation)
        if not people_selectors.may_use_organisation(
            actor, organisation, "consultations.add_consultation", Consultation
        ):
            errors["organisation"] = _(NOT_YOURS)
        method = values.get("method", obj.method)
        if method != Consultation.Method.SURVEY and obj.survey_responses.exists():
            errors["method"] = _(STILL_A_SURVEY)
        _check_dates(
            values.get("opens_on", obj.opens_on), values.get("closes_on", obj.closes_on), errors
        )

    return _CONSULTATION_UPDATE.apply(consultation, actor=actor, fields=fields, check=check)


@transaction.atomic
def consultation_delete(*, actor: Any, consultation: Consultation) -> None:
    """Delete a consultation with its questions and the answers given to them."""
    require(actor, "consultations.delete_consultation", consultation)
    record_deleted(
        consultation,
        actor=actor,
        event=events.CONSULTATION_DELETED,
        before=audit.snapshot(consultation, CONSULTATION_FIELDS),
        metadata={"responses": consultation.survey_responses.count()},
    )
    Answer.objects.filter(response__consultation=consultation).delete()
    consultation.delete()
