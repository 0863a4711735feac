"""Who may raise and handle safeguarding concerns, and keep staff checks (the matrix in one place).

Any member of staff may raise a concern; only safeguarding leads may read, list, assign, decide or
close one (not even the person who raised it, once it is saved). Background checks and training
records are kept by programme staff; safeguarding leads may read them.
"""

from __future__ import annotations

import rules

from heard.core.permissions import is_programme_staff, is_safeguarding_lead, is_staff_member

rules.add_perm("safeguarding.add_concern", is_staff_member)
rules.add_perm("safeguarding.view_concern", is_safeguarding_lead)
rules.add_perm("safeguarding.change_concern", is_safeguarding_lead)

rules.add_perm("safeguarding.view_backgroundcheck", is_programme_staff | is_safeguarding_lead)
rules.add_perm("safeguarding.add_backgroundcheck", is_programme_staff)
rules.add_perm("safeguarding.change_backgroundcheck", is_programme_staff)

rules.add_perm("safeguarding.view_trainingrecord", is_programme_staff | is_safeguarding_lead)
rules.add_perm("safeguarding.add_trainingrecord", is_programme_staff)
rules.add_perm("safeguarding.change_trainingrecord", is_programme_staff)
