"""Every write about consent, equality data, anonymisation and reach settings (M13, M15), by
topic: ``consents``, ``equality``, ``anonymisation`` (erasure and retention, with ``decided``
for the records of the apps where young people decide and expense claims), ``subject_access``
and ``reach`` (benchmarks and least-heard targets).

Each service validates, checks permission, saves and writes its audit entry (an event of
``heard.privacy.events``) in one transaction. Audit entries here never hold personal values
(names, notes, equality answers), so that the audit log itself does not keep what anonymisation
removes.
"""

from heard.privacy.models import EQUALITY_FIELDS
from heard.privacy.services.anonymisation import (
    ANONYMOUS_NAME,
    PERSONAL_FIELDS,
    RetentionResult,
    retention_run,
    young_person_anonymise,
)
from heard.privacy.services.consents import USES_ALLOWED_BY, consent_record, consent_withdraw
from heard.privacy.services.equality import (
    equality_record_read,
    equality_record_remove,
    equality_record_save,
)
from heard.privacy.services.reach import (
    BENCHMARK_CSV_COLUMNS,
    benchmark_share_save,
    benchmark_shares_import,
    least_heard_target_save,
)
from heard.privacy.services.subject_access import subject_access_export

__all__ = [
    "ANONYMOUS_NAME",
    "BENCHMARK_CSV_COLUMNS",
    "EQUALITY_FIELDS",
    "PERSONAL_FIELDS",
    "USES_ALLOWED_BY",
    "RetentionResult",
    "benchmark_share_save",
    "benchmark_shares_import",
    "consent_record",
    "consent_withdraw",
    "equality_record_read",
    "equality_record_remove",
    "equality_record_save",
    "least_heard_target_save",
    "retention_run",
    "subject_access_export",
    "young_person_anonymise",
]
