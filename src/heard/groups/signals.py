"""What the groups services announce to the apps above them (which groups must not import)."""

from django.dispatch import Signal

#: Sent by ``group_update`` inside its transaction when a group's kind changed, with ``group``:
#: the participation summaries count Buddy Group participants by the group's current kind.
group_kind_changed = Signal()
