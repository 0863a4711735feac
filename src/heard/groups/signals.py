"""What the groups services announce to the apps above them (which groups must not import).

Each is sent explicitly by a service inside its transaction, so a read model above can follow;
none carries a business rule (ADR 0006, ADR 0007).
"""

from django.dispatch import Signal

#: Sent by ``group_update`` when a group's kind changed, with ``group``: the participation
#: summaries count Buddy Group participants by the group's current kind.
group_kind_changed = Signal()

#: Sent by ``group_update`` when a group's leads or themes changed, with ``group``: who answers
#: for the views given by the group or in its sessions (``voice.responsibility``).
group_links_changed = Signal()

#: Sent by ``theme_update`` when a theme's lead changed, with ``theme``: who answers for the
#: views of the theme and of its groups (``voice.responsibility``).
theme_lead_changed = Signal()
