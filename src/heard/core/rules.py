import rules

from heard.core.permissions import is_administrator, is_programme_staff

rules.add_perm("core.view_history", is_programme_staff)
#: The administrator alone reviews sign-in events (heard.core.sign_in_events).
rules.add_perm("core.view_sign_in_events", is_administrator)
