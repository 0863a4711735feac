import rules

from heard.core.permissions import is_administrator, is_programme_staff

rules.add_perm("core.view_history", is_programme_staff)
#: The administrator alone reviews sign-in events (heard.core.sign_in_events).
rules.add_perm("core.view_sign_in_events", is_administrator)

# Administrators see every background job in the list, never another's file (heard.jobs).
rules.add_perm("jobs.view_every_job", is_administrator)

# Single sign-on settings (heard.core.sso_services): the administrator only.
rules.add_perm("core.change_sso_settings", is_administrator)
