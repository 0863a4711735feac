"""Staff accounts: administrators create and change them; staff are deactivated, never deleted."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from heard.core.permissions import require
from heard.core.roles import Role
from heard.core.updates import Change, record_created
from heard.people import events
from heard.people.models import Organisation, User
from heard.people.services._common import (
    STAFF_FIELDS,
    clean_values,
    full_clean,
)


def _normal_email(email: str) -> str:
    return User.objects.normalize_email(email.strip()).lower()


def _problems(
    *, role: str, organisation: Organisation | None, email: str, pk: int | None
) -> dict[str, str]:
    """A partner worker keeps one organisation's records; an email address is one account's."""
    problems: dict[str, str] = {}
    if role == Role.PARTNER_WORKER and organisation is None:
        problems["organisation"] = "Choose the organisation this partner worker keeps records for."
    clash = User.objects.filter(email__iexact=email)
    if pk is not None:
        clash = clash.exclude(pk=pk)
    if email and clash.exists():
        problems["email"] = "A staff member with this email address already exists."
    return problems


@transaction.atomic
def staff_create(
    *,
    actor: User | None,
    email: str,
    full_name: str,
    role: str,
    organisation: Organisation | None = None,
    password: str | None = None,
    job_title: str = "",
) -> User:
    """A new staff account. Without a password the account cannot sign in until one is set."""
    require(actor, "people.add_user")
    user = User(
        email=_normal_email(email),
        full_name=full_name.strip(),
        role=role,
        organisation=organisation,
        job_title=job_title.strip(),
    )
    problems = _problems(role=role, organisation=organisation, email=user.email, pk=None)
    if problems:
        raise ValidationError(problems)
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from exc
        user.set_password(password)
    else:
        user.set_unusable_password()
    full_clean(user, exclude=["password"])
    user.save()
    record_created(user, actor=actor, event=events.STAFF_ACCOUNT_CREATED, fields=STAFF_FIELDS)
    return user


_CHANGE = Change("staff_update", events.STAFF_ACCOUNT_CHANGED, STAFF_FIELDS)


def staff_update(*, actor: User | None, user: User, **fields: Any) -> User:
    """Change a staff account: details, role, organisation, or deactivate it (never delete)."""
    require(actor, "people.change_user", user)

    def check(member: User, values: dict[str, Any], errors: dict[str, Any]) -> None:
        clean_values(values)
        if "email" in values:
            values["email"] = _normal_email(values["email"])
        if actor is not None and actor.pk == member.pk:
            if values.get("is_active", True) is False:
                errors["is_active"] = _("You cannot deactivate your own account.")
            if values.get("role", Role.ADMINISTRATOR) != Role.ADMINISTRATOR:
                errors["role"] = _("You cannot remove your own administrator role.")
        problems = _problems(
            role=values.get("role", member.role),
            organisation=values.get("organisation", member.organisation),
            email=values.get("email", member.email),
            pk=member.pk,
        )
        errors.update((name, message) for name, message in problems.items() if name not in errors)

    return _CHANGE.apply(user, actor=actor, fields=fields, check=check)
