"""Permission policies: one object per relationship answers both permission questions.

"May this user do X to this object?" (:meth:`Policy.allows`) and "which objects may this user do
X to?" (:meth:`Policy.scope`, a queryset filter) are written once, side by side, so that the
rules, the selectors' scopes, the services' checks, the API and the templates' buttons cannot
disagree (Wagtail's permission policies). See ``docs/architecture/policies.md``.

A policy names the actions it answers for and implements, for each action ``x``:

- ``may_x(user, obj)``: the object-level answer. With ``obj=None`` it answers the list-level
  question: may this user do ``x`` at all (see the list, open the "add" form)?
- optionally ``x_scope(user, queryset)``: the objects the user may do ``x`` to. Without one, the
  scope is every object for a user who may do ``x`` to any object (``may_x(user, None)``), and
  none otherwise; a policy whose object answer narrows rows must write its scope.

:meth:`Policy.register` publishes each action as a django-rules permission
``<app_label>.<action>_<model_name>``, so ``heard.core.permissions.require`` and ``can``, the
``{% has_perm %}`` template tag and the API's permission class all ask the policy.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any, ClassVar, Generic, TypeVar

import rules
from django.db import models

from heard.core.roles import PROGRAMME_ROLES, Role

M = TypeVar("M", bound=models.Model)
R = TypeVar("R")

#: Every registered policy, by model label (``voice.view``): the matrix tests walk them.
REGISTRY: dict[str, Policy[Any]] = {}


def role_of(user: Any) -> str | None:
    """The active staff role of ``user``, or None (signed out, inactive, a young person)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return getattr(user, "role", None)


def is_programme(user: Any) -> bool:
    return role_of(user) in PROGRAMME_ROLES


def is_partner(user: Any) -> bool:
    """An active partner worker: the role whose reach is their own organisation's records."""
    return role_of(user) == Role.PARTNER_WORKER


def of_own_organisation(user: Any, obj: Any) -> bool:
    """``obj`` belongs to ``user``'s organisation, or there is no record yet (``obj`` None: "may
    they do it to any?")."""
    return obj is None or obj.organisation_id == getattr(user, "organisation_id", None)


def record_of(obj: Any, model: type[R], parts: tuple[type[Any], ...], attribute: str) -> R | None:
    """The ``model`` record a policy's ``obj`` stands for: ``obj`` itself, the record it is part
    of (its ``attribute``) for one of ``parts``, or None (no object, or another kind)."""
    if isinstance(obj, model):
        return obj
    if isinstance(obj, parts):
        record: R = getattr(obj, attribute)
        return record
    return None


class Policy(Generic[M]):
    """Who may do what to the records of one model. Subclasses set ``model`` and ``actions`` and
    write ``may_<action>`` (and ``<action>_scope`` where the answer depends on the object)."""

    model: ClassVar[type[models.Model]]
    actions: ClassVar[tuple[str, ...]] = ("view", "add", "change")
    #: Actions published under another permission name than ``<app>.<action>_<model>``.
    names: ClassVar[dict[str, str]] = {}

    # The two questions --------------------------------------------------------------------------

    def allows(self, user: Any, action: str, obj: M | None = None) -> bool:
        """May ``user`` do ``action`` to ``obj`` (or, with no object, at all)?"""
        if user is None:  # Heard itself: a management command, the demo loader
            return True
        return bool(self._method("may", action)(user, obj))

    def scope(self, user: Any, action: str, queryset: models.QuerySet[M] | None = None) -> Any:
        """The objects of ``queryset`` (default: all) that ``user`` may do ``action`` to."""
        rows: Any = self.model._default_manager.all() if queryset is None else queryset
        if user is None:
            return rows
        custom = getattr(self, f"{action}_scope", None)
        if custom is not None:
            return custom(user, rows)
        return rows if self.allows(user, action) else rows.none()

    # Publishing ---------------------------------------------------------------------------------

    def permission(self, action: str) -> str:
        meta = self.model._meta
        return self.names.get(action) or f"{meta.app_label}.{action}_{meta.model_name}"

    def register(self) -> Policy[M]:
        """Publish every action as a django-rules permission answered by this policy."""
        REGISTRY[self.model._meta.label_lower] = self
        for action in self.actions:
            self._method("may", action)  # fail at start-up, not at the first request
            rules.set_perm(self.permission(action), self._predicate(action))
        return self

    def _predicate(self, action: str) -> rules.Predicate:
        def predicate(user: Any, obj: Any = None) -> bool:
            return self.allows(user, action, obj)

        return rules.predicate(predicate, name=f"{type(self).__name__}.{action}")

    def _method(self, prefix: str, action: str) -> Any:
        if action not in self.actions:
            raise LookupError(f"{type(self).__name__} has no action {action!r}")
        method = getattr(self, f"{prefix}_{action}", None)
        if method is None:
            raise NotImplementedError(f"{type(self).__name__} must define {prefix}_{action}")
        return method


class ReadByStaff:
    """A policy's ``view`` that every member of staff has, whatever their role (a mixin, before
    ``Policy``)."""

    def may_view(self, user: Any, obj: Any = None) -> bool:
        return role_of(user) is not None


class OrganisationScoped(Policy[Any]):
    """A policy whose records each belong to one organisation (``own_field``, a path of
    attributes such as ``review__provider_id``): the roles of ``everywhere[action]`` reach every
    record, a partner worker those of their own organisation when ``action`` is in ``own``. Each
    action's ``may_<action>`` and ``<action>_scope`` are this one rule, read from the two tables
    (``not_listed``: actions a partner worker does only to a record, never to "the list")."""

    own_field: ClassVar[str] = "organisation_id"
    everywhere: ClassVar[dict[str, Collection[str]]] = {}
    own: ClassVar[Collection[str]] = ()
    not_listed: ClassVar[Collection[str]] = ()

    def __getattr__(self, name: str) -> Any:
        prefix, _, action = name.partition("_")
        if prefix == "may" and action in self.everywhere:
            return lambda user, obj=None: self._may(user, action, obj)
        action, _, suffix = name.rpartition("_")
        if suffix == "scope" and action in self.everywhere:
            return lambda user, rows: self._scope(user, action, rows)
        raise AttributeError(name)

    def _reach(self, user: Any, action: str) -> str | None:
        """``"all"``, ``"own"`` (a partner worker's organisation) or None."""
        role = role_of(user)
        if role in self.everywhere[action]:
            return "all"
        if role == Role.PARTNER_WORKER and action in self.own:
            return "own"
        return None

    def _owner(self, obj: models.Model) -> Any:
        value: Any = obj
        for part in self.own_field.split("__"):
            value = getattr(value, part)
        return value

    def _may(self, user: Any, action: str, obj: models.Model | None) -> bool:
        reach = self._reach(user, action)
        if reach != "own":
            return reach == "all"
        if obj is None:
            return action not in self.not_listed
        own = getattr(user, "organisation_id", None)
        return own is not None and self._owner(obj) == own

    def _scope(self, user: Any, action: str, rows: models.QuerySet[Any]) -> models.QuerySet[Any]:
        reach = self._reach(user, action)
        if reach == "all":
            return rows
        if reach == "own":
            return rows.filter(**{self.own_field: user.organisation_id})
        return rows.none()


class OwnOrganisationWrites(Policy[Any]):
    """A policy whose records programme staff add, change and delete everywhere, and a partner
    worker for their own organisation only (``organisation_id``); the subclass says who reads."""

    actions: ClassVar[tuple[str, ...]] = ("view", "add", "change", "delete")

    def own_rows(self, user: Any, rows: models.QuerySet[Any]) -> models.QuerySet[Any]:
        return rows.filter(organisation_id=user.organisation_id)

    def may_add(self, user: Any, obj: Any) -> bool:
        return is_programme(user) or is_partner(user) and of_own_organisation(user, obj)

    def add_scope(self, user: Any, rows: models.QuerySet[Any]) -> Any:
        if is_partner(user):
            return self.own_rows(user, rows)
        return rows if is_programme(user) else rows.none()

    may_change = may_delete = may_add
    change_scope = delete_scope = add_scope


def policy_for(model: type[models.Model] | str) -> Policy[Any]:
    label = model if isinstance(model, str) else model._meta.label_lower
    return REGISTRY[label]


def registered(policies: Iterable[Policy[Any]]) -> list[Policy[Any]]:
    """Register each of ``policies`` (an app's ``policies.py`` ends with this)."""
    return [policy.register() for policy in policies]
