"""Who may read the messages Heard sends and send a failed one again.

Administrators and participation leads: they run the programme's messages. Each answer is the
same for every message (the list shows a young person's reference, never their name), so the
scope is all or nothing (``Policy.scope``'s default). A member of staff's own reminder settings
are theirs alone (``reminders`` page: no policy object, only their own row).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from heard.core.policies import Policy, registered, role_of
from heard.core.roles import Role
from heard.messaging.models import Message

#: The roles that read the message list and send failed messages again.
MESSAGE_STAFF = frozenset({Role.ADMINISTRATOR, Role.PARTICIPATION_LEAD})


class MessagePolicy(Policy[Message]):
    model = Message
    actions = ("view", "retry")

    def may_view(self, user: Any, obj: Any = None) -> bool:
        return role_of(user) in MESSAGE_STAFF

    def may_retry(self, user: Any, obj: Any = None) -> bool:
        if role_of(user) not in MESSAGE_STAFF:
            return False
        return obj is None or obj.status == Message.Status.FAILED

    def retry_scope(self, user: Any, messages: QuerySet[Message]) -> QuerySet[Message]:
        if role_of(user) not in MESSAGE_STAFF:
            return messages.none()
        return messages.filter(status=Message.Status.FAILED)


(MESSAGES,) = registered([MessagePolicy()])
