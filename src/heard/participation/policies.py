"""Who may read, log, change and import sessions of the participation log: one policy.

It answers both questions (``heard.core.policies``): "may this user do X to this session?" and
"which sessions may they do X to?" (``Session.objects.visible_to(user)`` is the view scope).
The permission strings stay those of the old rules (``participation.view_session``,
``add_session``, ``change_session``, ``import_session``).

With no object, an action is answered for the list ("may this user see the log, open the log
form, import a file?"). ``add`` also takes the ``Group`` or ``YoungPerson`` a new session is for.
A theme lead answers for a group as ``heard.groups.policies.responsible_for_group`` defines it
(``Group.objects.led_by`` for many), and changes a session tagged with a theme they lead.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from heard.core.permissions import is_own_organisation
from heard.core.policies import Policy, registered, role_of
from heard.core.roles import PROGRAMME_ROLES, Role
from heard.groups.models import Group
from heard.groups.policies import responsible_for_group
from heard.participation.models import Session

#: Roles that read every session (a partner worker reads their organisation's).
READS_ALL = PROGRAMME_ROLES | {Role.THEME_LEAD, Role.SAFEGUARDING_LEAD}


def group_of(obj: Any) -> Group | None:
    """The group a check is about: a group, or a session's group (none for an individual one)."""
    if isinstance(obj, Group):
        return obj
    if isinstance(obj, Session) and obj.group_id:
        return obj.group
    return None


def _partner_may(user: Any, obj: Any) -> bool:
    return obj is None or bool(is_own_organisation(user, obj))


def _led_sessions(user: Any) -> Q:
    """Sessions of groups the user answers for."""
    return Q(group__in=Group.objects.led_by(user))


class SessionPolicy(Policy[Session]):
    """Programme staff do everything; theme leads and safeguarding leads read every session; a
    theme lead logs sessions for the groups they answer for and changes those and the sessions
    tagged with a theme they lead; a partner worker reads, logs and changes their
    organisation's; a board member reads aggregates only."""

    model = Session
    actions = ("view", "add", "change", "import")

    def may_view(self, user: Any, obj: Any) -> bool:
        role = role_of(user)
        if role in READS_ALL:
            return True
        return role == Role.PARTNER_WORKER and _partner_may(user, obj)

    def view_scope(self, user: Any, sessions: QuerySet[Session]) -> QuerySet[Session]:
        role = role_of(user)
        if role in READS_ALL:
            return sessions
        if role == Role.PARTNER_WORKER:
            return sessions.filter(organisation_id=user.organisation_id)
        return sessions.none()

    def may_add(self, user: Any, obj: Any) -> bool:
        role = role_of(user)
        if role in PROGRAMME_ROLES:
            return True
        if role == Role.THEME_LEAD:
            return obj is None or responsible_for_group(user, group_of(obj))
        return role == Role.PARTNER_WORKER and _partner_may(user, obj)

    def add_scope(self, user: Any, sessions: QuerySet[Session]) -> QuerySet[Session]:
        if role_of(user) == Role.THEME_LEAD:
            return sessions.filter(_led_sessions(user))
        return self._organisation_scope(user, sessions, "add")

    def may_change(self, user: Any, obj: Any) -> bool:
        if role_of(user) == Role.THEME_LEAD and isinstance(obj, Session) and obj.pk:
            return self.may_add(user, obj) or obj.themes.filter(lead_id=user.pk).exists()
        return self.may_add(user, obj)

    def change_scope(self, user: Any, sessions: QuerySet[Session]) -> QuerySet[Session]:
        if role_of(user) == Role.THEME_LEAD:
            tagged = Session.themes.through.objects.filter(theme__lead_id=user.pk)
            return sessions.filter(_led_sessions(user) | Q(pk__in=tagged.values("session_id")))
        return self._organisation_scope(user, sessions, "change")

    def may_import(self, user: Any, obj: Any) -> bool:
        """Importing logs sessions: whoever may log one may import a file of them (each row is
        checked as a session logged on the page is)."""
        return self.may_add(user, obj)

    def import_scope(self, user: Any, sessions: QuerySet[Session]) -> QuerySet[Session]:
        return self.add_scope(user, sessions)

    def _organisation_scope(
        self, user: Any, sessions: QuerySet[Session], action: str
    ) -> QuerySet[Session]:
        if role_of(user) == Role.PARTNER_WORKER:
            return sessions.filter(organisation_id=user.organisation_id)
        return sessions if self.allows(user, action) else sessions.none()


SESSION_POLICY = SessionPolicy()

registered([SESSION_POLICY])
