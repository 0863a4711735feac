import rules

from heard.core.permissions import is_programme_staff

rules.add_perm("core.view_history", is_programme_staff)
