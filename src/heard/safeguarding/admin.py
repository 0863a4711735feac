"""The admin site only reads staff checks and training; concerns are not in the admin at all, so
nobody but a safeguarding lead (through Heard's own audited pages) can read one."""

from heard.core.admin import read_only
from heard.safeguarding.models import BackgroundCheck, TrainingRecord

read_only(
    BackgroundCheck,
    ("staff", "kind", "issued_on", "renewal_due"),
    search=("staff__full_name", "staff__email"),
)
read_only(
    TrainingRecord,
    ("staff", "course", "completed_on", "expires_on"),
    search=("staff__full_name", "course"),
)
