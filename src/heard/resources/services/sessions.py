"""Which resources a session used: recorded and removed by whoever may change the session."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from heard.core import audit
from heard.core.permissions import can, require
from heard.participation.models import Session
from heard.resources import events
from heard.resources.models import Resource, SessionResource

ALREADY = gettext_noop("The session already records this resource.")
UNSEEN = gettext_noop("Choose a resource in the library.")


@transaction.atomic
def session_resource_add(*, actor: Any, session: Session, resource: Resource) -> SessionResource:
    """Record that ``session`` used ``resource`` (one the actor may read)."""
    require(actor, "resources.add_sessionresource", session)
    if not isinstance(resource, Resource) or not can(actor, "resources.view_resource", resource):
        raise ValidationError({"resource": _(UNSEEN)})
    if SessionResource.objects.filter(session=session, resource=resource).exists():
        raise ValidationError({"resource": _(ALREADY)})
    use = SessionResource.objects.create(session=session, resource=resource, added_by=actor)
    audit.record(
        actor=actor,
        event=events.RESOURCE_USED,
        obj=use,
        changes={"resources": [None, resource.title]},
        metadata={"resource": resource.pk},
    )
    return use


@transaction.atomic
def session_resource_remove(*, actor: Any, use: SessionResource) -> None:
    require(actor, "resources.delete_sessionresource", use)
    audit.record(
        actor=actor,
        event=events.RESOURCE_UNUSED,
        obj=use,
        changes={"resources": [use.resource.title, None]},
        metadata={"resource": use.resource_id},
    )
    use.delete()
