"""Resources: added, changed and deleted by programme staff and partner workers (their own
organisation's). A file is checked as evidence is (``heard.voice.services.evidence``: its type
read from its first bytes, its name's ending agreeing, at most 10 MB) and stored under a random
name, served only by a checked view."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from heard.core import audience
from heard.core.permissions import can, require
from heard.core.svc_values import plain_texts
from heard.core.updates import (
    Change,
    audited_delete,
    full_clean,
    plain_text,
    record_created,
)
from heard.groups.models import Theme
from heard.participation.models import Method
from heard.people.models import Organisation
from heard.resources import events
from heard.resources.models import Resource
from heard.voice.services.evidence import _check_file, _measure

RESOURCE_FIELDS = (
    "title",
    "kind",
    "summary",
    "organisation",
    "themes",
    "methods",
    "age_bands",
    "content_type",
    "size",
    "link",
    "published",
)
CHANGEABLE = (*RESOURCE_FIELDS, "file", "remove_file")
NOT_YOURS = gettext_noop("Choose your own organisation.")
PARTNERSHIP = gettext_noop(
    "Only participation staff add the partnership's own resources: choose your organisation."
)
FILE_OR_LINK = gettext_noop("Upload a file or give a link (or both).")
LINK_SCHEME = gettext_noop("Enter a link starting with http:// or https://.")
#: The error of a choice not in the list, by the field chosen.
NOT_LISTED = {
    "themes": gettext_noop("Choose themes from the list."),
    "methods": gettext_noop("Choose methods from the list."),
}


def _saved(value: Any, model: Any, name: str, errors: dict[str, Any]) -> list[Any]:
    chosen = list(value or [])
    if not all(isinstance(item, model) and item.pk for item in chosen):
        errors[name] = _(NOT_LISTED[name])
        return []
    return chosen


def _link(value: Any, errors: dict[str, Any]) -> str:
    link = plain_text(value)
    if link and urlsplit(link).scheme.lower() not in ("http", "https"):
        errors["link"] = _(LINK_SCHEME)
    return link


def _file(file: Any, errors: dict[str, Any]) -> dict[str, Any]:
    """The checked file's fields (a random name, its real type and size), or none."""
    if file is None:
        return {}
    if not hasattr(file, "read"):
        errors["file"] = _("Choose a file to upload.")
        return {}
    size = _measure(file)
    extension = PurePath(PurePath(getattr(file, "name", "") or "").name.lower()).suffix
    file_type = _check_file(file, size, extension, errors)
    if "file" in errors or file_type is None:
        return {}
    original = PurePath(getattr(file, "name", "") or "").name
    file.name = f"{uuid.uuid4().hex}{extension}"
    return {
        "file": file,
        "content_type": file_type.content_type,
        "size": size,
        "original_name": original,
    }


def _check_organisation(actor: Any, organisation: Any, errors: dict[str, Any]) -> None:
    if organisation is not None and not isinstance(organisation, Organisation):
        errors["organisation"] = _(NOT_YOURS)
    elif not can(actor, "resources.add_resource", Resource(organisation=organisation)):
        errors["organisation"] = _(PARTNERSHIP) if organisation is None else _(NOT_YOURS)


@transaction.atomic
def resource_add(
    *,
    actor: Any,
    title: str,
    kind: str,
    summary: str,
    organisation: Organisation | None = None,
    themes: Iterable[Theme] = (),
    methods: Iterable[Method] = (),
    age_bands: Iterable[str] = (),
    file: Any = None,
    link: str = "",
    published: bool = False,
) -> Resource:
    """Add a resource with a file, a link or both."""
    require(actor, "resources.add_resource")
    errors: dict[str, Any] = {}
    _check_organisation(actor, organisation, errors)
    stored = _file(file, errors)
    original = stored.pop("original_name", "")
    resource = Resource(
        title=plain_text(title),
        kind=kind,
        summary=plain_text(summary),
        organisation=organisation if isinstance(organisation, Organisation) else None,
        age_bands=audience.age_bands(age_bands, errors),
        link=_link(link, errors),
        published=bool(published),
        created_by=actor,
        **stored,
    )
    chosen_themes = _saved(themes, Theme, "themes", errors)
    chosen_methods = _saved(methods, Method, "methods", errors)
    if not stored and not resource.link and "file" not in errors and "link" not in errors:
        errors["file"] = _(FILE_OR_LINK)
    full_clean(resource, errors, exclude=["created_by", "file"])
    if errors:
        raise ValidationError(errors)
    resource.save()
    resource.themes.set(chosen_themes)
    resource.methods.set(chosen_methods)
    record_created(
        resource,
        actor=actor,
        event=events.RESOURCE_ADDED,
        fields=RESOURCE_FIELDS,
        metadata={"original_name": original} if original else None,
    )
    return resource


_RESOURCE_UPDATE = Change("resource_update", events.RESOURCE_CHANGED, CHANGEABLE)


@transaction.atomic
def resource_update(*, actor: Any, resource: Resource, **fields: Any) -> Resource:
    """Change a resource; a new ``file`` replaces the old one, ``remove_file`` drops it (a link
    must then remain)."""
    require(actor, "resources.change_resource", resource)
    old_file = resource.file.name if resource.file else ""

    def check(obj: Resource, values: dict[str, Any], errors: dict[str, Any]) -> None:
        plain_texts(values, ("title", "summary"))
        if "link" in values:
            values["link"] = _link(values["link"], errors)
        if "age_bands" in values:
            values["age_bands"] = audience.age_bands(values["age_bands"], errors)
        if "themes" in values:
            values["themes"] = _saved(values["themes"], Theme, "themes", errors)
        if "methods" in values:
            values["methods"] = _saved(values["methods"], Method, "methods", errors)
        if "organisation" in values:
            _check_organisation(actor, values["organisation"], errors)
        remove = bool(values.pop("remove_file", False))
        new = values.pop("file", None)
        if new is not None:
            stored = _file(new, errors)
            stored.pop("original_name", None)
            values.update(stored)
        elif remove:
            values.update({"file": "", "content_type": "", "size": None})
        has_file = bool(values.get("file", obj.file))
        if not has_file and not values.get("link", obj.link) and not {"file", "link"} & set(errors):
            errors["file"] = _(FILE_OR_LINK)

    audited = [
        name for name in RESOURCE_FIELDS if name in fields or name in ("content_type", "size")
    ]
    updated = _RESOURCE_UPDATE.apply(
        resource, actor=actor, fields=fields, check=check, audited=audited
    )
    if old_file and updated.file.name != old_file:
        updated.file.storage.delete(old_file)
    return updated


@transaction.atomic
def resource_delete(*, actor: Any, resource: Resource) -> None:
    """Delete a resource, its file and the record of the sessions that used it."""
    require(actor, "resources.delete_resource", resource)
    name = resource.file.name if resource.file else ""
    audited_delete(resource, actor=actor, event=events.RESOURCE_DELETED, fields=RESOURCE_FIELDS)
    if name:
        transaction.on_commit(lambda: Resource.file.field.storage.delete(name))
