"""What the participation services announce to the apps above them (which participation must
not import), sent inside the service's transaction so a read model above can follow (ADR 0007)."""

from django.dispatch import Signal

#: Sent by ``session_update`` when a session moved to another group (or to none), with
#: ``session``: who answers for the views given in it (``voice.responsibility``).
session_group_changed = Signal()
