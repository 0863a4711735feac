"""Domain event types of the audit log, and how each reads on a History page.

Every audit entry names one event type (``view.responded``, ``consent.withdrawn``,
``young_person.anonymised``, ...): what happened, in the domain's words. Its ``changes`` are
always ``{field: [old, new]}``; anything else the event carries (how a concern was opened, the
format of an export, the reason of a reset) is its ``metadata``, which the event type's
``describe`` turns into words. Each app declares its event types in ``<app>/events.py``; a test
renders every registered type (``tests/core/test_events.py``). See
``docs/architecture/events.md``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import dateformat, timezone

from heard.core.choices import Action as Action

#: The categories by name, as the apps' ``events.py`` declare them (in the order above).
CREATE, UPDATE, DELETE, READ, IMPORT, SIGN_IN = Action
EMPTY = "(empty)"


@dataclass(frozen=True)
class EventType:
    """One kind of domain event: ``name`` is ``<object>.<past-tense verb>``, ``label`` the words
    a History page shows ("Responded to the view"), ``action`` its category."""

    name: str
    label: str
    action: str
    #: ``metadata -> words``, for an event that carries more than its changes.
    describe: Callable[[Mapping[str, Any]], str] | None = None
    #: Example metadata, so the rendering test can render this type as it is really written.
    example: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.name

    def detail(self, metadata: Mapping[str, Any] | None) -> str:
        if not metadata:
            return ""
        if self.describe is not None:
            return self.describe(metadata)
        return "; ".join(f"{_words(key)}: {_plain_text(value)}" for key, value in metadata.items())


#: Every event type, by name.
EVENTS: dict[str, EventType] = {}

Words = Callable[[Mapping[str, Any]], str]


@dataclass(frozen=True)
class Describe:
    """A ``describe`` with an example of the metadata it reads, kept together: an event type
    declared with it renders the example in the rendering test."""

    words: Words
    example: Mapping[str, Any]

    def __call__(self, metadata: Mapping[str, Any]) -> str:
        return self.words(metadata)


def describes(**example: Any) -> Callable[[Words], Describe]:
    """Decorate a ``describe`` with an example of its metadata (``@describes(note="...")``)."""
    return lambda words: Describe(words, example)


def event(
    name: str,
    label: str,
    *,
    action: str,
    describe: Words | None = None,
    example: Mapping[str, Any] | None = None,
) -> EventType:
    """Declare (once) an event type; an app's ``events.py`` keeps the result as a constant. Its
    ``example`` is the one its ``describe`` carries (``describes``) unless given."""
    if "." not in name:
        raise ValueError(f"An event type is named <object>.<verb>: {name!r}")
    if name in EVENTS:
        raise ValueError(f"Event type {name!r} is declared twice")
    if example is None and isinstance(describe, Describe):
        example = describe.example
    declared = EventType(name, label, action, describe, example or {})
    EVENTS[name] = declared
    return declared


def record_events(
    obj: str, noun: str, *, added: tuple[str, str] = ("created", "Added the")
) -> tuple[EventType, EventType]:
    """Declare the two events nearly every record has: added (``<obj>.created``, "Added the
    <noun>", or the ``(verb, words)`` the app says, such as ``("logged", "Logged the")``) and
    changed (``<obj>.changed``, "Changed the <noun>")."""
    verb, words = added
    return (
        event(f"{obj}.{verb}", f"{words} {noun}", action=CREATE),
        event(f"{obj}.changed", f"Changed the {noun}", action=UPDATE),
    )


def deleted_event(obj: str, noun: str) -> EventType:
    """Declare a record's deletion: ``<obj>.deleted``, "Deleted the <noun>"."""
    return event(f"{obj}.deleted", f"Deleted the {noun}", action=DELETE)


def lifecycle_events(
    obj: str, noun: str, *, added: tuple[str, str] = ("created", "Added the")
) -> tuple[EventType, EventType, EventType]:
    """A record's three events: added and changed (``record_events``), and deleted."""
    return (*record_events(obj, noun, added=added), deleted_event(obj, noun))


def read_through(key: str, words: Mapping[str, str], *, otherwise: str | None = None) -> Describe:
    """A ``describe`` for metadata that names one of a few cases (``{"reason": "erasure"}``):
    ``metadata[key]`` in the words ``words`` gives it, else ``otherwise``, else its own words.
    Its example is the first case."""

    def describe(metadata: Mapping[str, Any]) -> str:
        value = str(metadata.get(key, ""))
        return words.get(value, _words(value) if otherwise is None else otherwise)

    return Describe(describe, {key: next(iter(words), "")})


def lookup(name: str) -> EventType:
    """The declared event type, or for a name no longer declared one that reads its own name."""
    known = EVENTS.get(name)
    if known is not None:
        return known
    return EventType(name, _words(name.rsplit(".", 1)[-1]), UPDATE)


def check_changes(changes: Mapping[str, Any] | None) -> dict[str, list[Any]]:
    """``changes`` as stored: every value a pair ``[old, new]``, or ``ValueError``."""
    out: dict[str, list[Any]] = {}
    for name, pair in (changes or {}).items():
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise ValueError(
                f"Audit changes are {{field: [old, new]}}; {name!r} is {pair!r}: "
                "put what is not a change in the entry's metadata."
            )
        out[name] = list(pair)
    return out


# Reading an entry -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Line:
    """One audit entry as a person reads it."""

    what: str
    detail: str
    changes: list[Change]


def _words(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _plain_text(value: Any) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list | tuple):
        return ", ".join(_plain_text(item) for item in value)
    return str(value)


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a field that no longer exists, or a derived value
        return None


def field_label(model: type[models.Model] | None, name: str) -> str:
    verbose = getattr(_field(model, name), "verbose_name", None)
    return str(verbose).capitalize() if verbose else _words(name)


def _user_model() -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model()


def value_text(model: type[models.Model] | None, name: str, value: Any, names: Mapping) -> str:
    """A stored audit value (``core.audit.snapshot``) as a person reads it."""
    if value is None or value == "" or value == []:
        return EMPTY
    found = _field(model, name)
    if found is not None and found.is_relation and found.related_model is _user_model():
        ids = value if isinstance(value, list) else [value]
        return ", ".join(names.get(pk, f"Staff member {pk}") for pk in ids)
    choices = dict(getattr(found, "flatchoices", None) or ())
    if choices and not isinstance(value, list):
        return str(choices.get(value, value))
    if isinstance(value, str) and isinstance(found, models.DateTimeField):
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return dateformat.format(moment, "j F Y H:i")
    if isinstance(value, str) and isinstance(found, models.DateField):
        try:
            return dateformat.format(datetime.date.fromisoformat(value), "j F Y")
        except ValueError:
            return value
    return _plain_text(value)


def staff_ids(model: type[models.Model] | None, entries: Iterable[Any]) -> set[int]:
    """The staff a page of entries names in its changes: one query fetches their names."""
    ids: set[int] = set()
    for entry in entries:
        for name, pair in (entry.changes or {}).items():
            found = _field(model, name)
            if found is None or not found.is_relation or found.related_model is not _user_model():
                continue
            for value in pair if isinstance(pair, list) else []:
                ids.update(v for v in (value if isinstance(value, list) else [value]) if v)
    return ids


def staff_names(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(_user_model().objects.filter(pk__in=ids).values_list("pk", "full_name"))


def read(entry: Any, model: type[models.Model] | None, names: Mapping[int, str]) -> Line:
    """``entry`` in words: its event's label, its metadata's detail, and each change."""
    kind = lookup(entry.event)
    changes = [
        Change(
            field_label(model, name),
            value_text(model, name, pair[0], names),
            value_text(model, name, pair[1], names),
        )
        for name, pair in (entry.changes or {}).items()
        if isinstance(pair, list) and len(pair) == 2
    ]
    return Line(kind.label, kind.detail(entry.metadata), changes)


def read_page(entries: Iterable[Any], model: type[models.Model] | None) -> list[tuple[Any, Line]]:
    """A page of entries about records of ``model``, each with its line: one query for the names
    of the staff the changes name, whatever the page's size."""
    entries = list(entries)
    names = staff_names(staff_ids(model, entries))
    return [(entry, read(entry, model, names)) for entry in entries]


# Core's own event types: staff sign-in security -------------------------------------------------


@describes(how="reset")
def _password_set(metadata: Mapping[str, Any]) -> str:
    return "Changed by the user" if metadata.get("how") == "changed" else "Reset by email"


@describes(reason="reset by administrator")
def _removed(metadata: Mapping[str, Any]) -> str:
    return f"Reason: {metadata.get('reason', 'not given')}"


@describes(devices=1)
def _devices(metadata: Mapping[str, Any]) -> str:
    return f"{metadata.get('devices', 0)} authenticator app(s) removed"


@describes(codes=10)
def _codes(metadata: Mapping[str, Any]) -> str:
    return f"{metadata.get('codes', 0)} single-use codes"


PASSWORD_SET = event("user.password_set", "Password set", action=UPDATE, describe=_password_set)
TWO_FACTOR_SET_UP = event("totp_device.set_up", "Authenticator app set up", action=CREATE)
TWO_FACTOR_INSTALLED = event(
    "totp_device.installed", "Authenticator app installed for the user", action=CREATE
)
TWO_FACTOR_REMOVED = event(
    "totp_device.removed", "Authenticator app removed", action=DELETE, describe=_removed
)
TWO_FACTOR_RESET = event(
    "user.two_factor_reset", "Two-factor sign-in reset", action=UPDATE, describe=_devices
)
BACKUP_CODES_MADE = event(
    "static_device.codes_made", "Backup codes made", action=CREATE, describe=_codes
)

# Single sign-on (issue 20): the partnership's trust in the provider's multi-factor sign-in.
SSO_SETTINGS_CHANGED = event(
    "partnership.sso_settings_changed", "Single sign-on settings changed", action=UPDATE
)

# Background jobs (issue 20): heard.jobs, the layer below core, tells what happened to a job
# (heard.jobs.events) inside the transaction that changed it; core writes the entry.


@describes(kind="report_pdf")
def _job_kind(metadata: Mapping[str, Any]) -> str:
    return f"Kind: {_words(str(metadata.get('kind', '')))}"


@describes(attempt=1, done=12000)
def _job_done(metadata: Mapping[str, Any]) -> str:
    return f"Attempt {metadata.get('attempt', 1)}: {metadata.get('done', 0)} done"


@describes(attempt=1, done=0, error="PermissionDenied")
def _job_failed(metadata: Mapping[str, Any]) -> str:
    return (
        f"Attempt {metadata.get('attempt', 1)} failed ({metadata.get('error') or 'no reason'}) "
        f"after {metadata.get('done', 0)} done; nothing kept"
    )


@describes(attempts=1)
def _job_attempts(metadata: Mapping[str, Any]) -> str:
    return f"After {metadata.get('attempts', 0)} attempt(s)"


JOB_STARTED = event("job.started", "Started a background job", action=CREATE, describe=_job_kind)
JOB_FINISHED = event("job.finished", "Background job finished", action=UPDATE, describe=_job_done)
JOB_FAILED = event("job.failed", "Background job failed", action=UPDATE, describe=_job_failed)
JOB_RETRIED = event(
    "job.retried", "Background job tried again", action=UPDATE, describe=_job_attempts
)


def _record_job_event(name: str, job: Any, **entry: Any) -> None:
    from heard.core import audit

    audit.record(obj=job, event=name, **entry)


def _listen_to_jobs() -> None:
    from heard.jobs import events as job_events

    job_events.listen(_record_job_event)


_listen_to_jobs()
