"""Pages for a young person's consents and equality monitoring."""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Field
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.columns import HOW
from heard.core.permissions import can, require
from heard.people import selectors as people_selectors
from heard.privacy import forms, selectors, services
from heard.privacy.models import EQUALITY_FIELDS, Consent, EqualityRecord
from heard.privacy.views.common import back_to, young_person_form

#: A young person's consents: what for, who gave it, when and how, and whether it stands.
CONSENT_COLUMNS = (
    tables.Column(gettext_lazy("For"), "get_purpose_display"),
    tables.Column(gettext_lazy("Given by"), "get_given_by_display"),
    tables.Column(gettext_lazy("Given"), "given_on"),
    HOW,
    tables.Column(
        gettext_lazy("Status"),
        cell='{% if row.withdrawn_on %}<strong class="govuk-tag govuk-tag--grey">Withdrawn '
        '{{ row.withdrawn_on|date:"j F Y" }}</strong>{% else %}<strong class="govuk-tag '
        'govuk-tag--green">Current</strong>{% if can_withdraw %} <a class="govuk-link" '
        'href="{% url "privacy:consent-withdraw" row.pk %}">Withdraw<span '
        'class="govuk-visually-hidden"> consent to {{ row.get_purpose_display|lower }}</span>'
        "</a>{% endif %}{% endif %}",
    ),
)


def young_person_for(request: HttpRequest, pk: int, perm: str) -> Any:
    """The young person of the page, when the user may see them and has ``perm`` on them."""
    if not can(request.user, "people.view_youngperson"):
        raise PermissionDenied
    young_person = people_selectors.young_person_get(request.user, pk)
    require(request.user, perm, young_person)
    return young_person


@login_required
def consents(request: HttpRequest, pk: int) -> HttpResponse:
    young_person = young_person_for(request, pk, "privacy.view_consent")
    user = request.user
    return render(
        request,
        "privacy/consents.html",
        {
            "young_person": young_person,
            "consents": selectors.consents_for(user=user, young_person=young_person),
            "consent_columns": CONSENT_COLUMNS,
            "photos_allowed": selectors.photos_allowed(young_person),
            "anonymisation": selectors.anonymisation_of(young_person),
            "can_add": can(user, "privacy.add_consent", young_person),
            "can_withdraw": can(user, "privacy.change_consent", young_person),
            "can_equality": can(user, "privacy.view_equalityrecord", young_person),
            "can_export": can(user, "privacy.export_subject_access", young_person),
            "can_erase": can(user, "privacy.erase_youngperson", young_person),
            "can_view_history": can(user, "core.view_history"),
        },
    )


@login_required
def consent_add(request: HttpRequest, pk: int) -> HttpResponse:
    young_person = young_person_for(request, pk, "privacy.add_consent")
    form = forms.ConsentForm(
        request.POST or None, initial={"given_on": timezone.localdate(), "how": "written"}
    )
    return young_person_form(
        request,
        form,
        services.consent_record,
        young_person,
        "privacy:consents",
        success="Consent recorded.",
        title=f"Record a consent for {young_person.reference}",
        submit_label="Record consent",
    )


@login_required
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    if not can(request.user, "privacy.view_consent"):
        raise PermissionDenied
    consent = selectors.consent_get(request.user, pk)
    require(request.user, "privacy.change_consent", consent)
    form = forms.ConsentWithdrawForm(
        request.POST or None, initial={"withdrawn_on": timezone.localdate()}
    )
    purpose = consent.get_purpose_display()
    return back_to(
        request,
        form,
        lambda: services.consent_withdraw(actor=request.user, consent=consent, **form.cleaned_data),
        reverse("privacy:consents", args=[consent.young_person_id]),
        success=f"{purpose}: consent withdrawn.",
        template="privacy/consent_withdraw.html",
        consent=consent,
        title=f"Withdraw consent to {purpose.lower()}",
        submit_label="Withdraw consent",
    )


def _answers(record: EqualityRecord | None) -> list[tuple[str, Any]]:
    rows = []
    for name in EQUALITY_FIELDS if record is not None else ():
        field = cast(Field, EqualityRecord._meta.get_field(name))
        value = getattr(record, name)
        shown = dict(field.choices or []).get(value, value) if value else "Not answered"
        rows.append((str(field.verbose_name).capitalize(), shown))
    return rows


@login_required
def equality(request: HttpRequest, pk: int) -> HttpResponse:
    young_person = young_person_for(request, pk, "privacy.view_equalityrecord")
    record = services.equality_record_read(actor=request.user, young_person=young_person)
    return render(
        request,
        "privacy/equality.html",
        {
            "young_person": young_person,
            "record": record,
            "rows": _answers(record),
            "has_consent": selectors.consent_current(young_person, Consent.Purpose.EQUALITY_DATA),
        },
    )


@login_required
def equality_edit(request: HttpRequest, pk: int) -> HttpResponse:
    young_person = young_person_for(request, pk, "privacy.change_equalityrecord")
    record = services.equality_record_read(actor=request.user, young_person=young_person)
    initial = {name: getattr(record, name) for name in EQUALITY_FIELDS} if record else {}
    form = forms.EqualityForm(request.POST or None, initial=initial)
    return young_person_form(
        request,
        form,
        services.equality_record_save,
        young_person,
        "privacy:equality",
        success="Equality monitoring saved.",
        title=f"Equality monitoring for {young_person.reference}",
    )
