"""Pages for consent, equality monitoring, subject access, erasure and reach: thin, they call
selectors and services. By topic: ``consents`` (and equality), ``subject_access`` (and
erasure), ``reach`` (and its benchmarks and targets)."""

from heard.privacy.views.consents import (
    consent_add,
    consent_withdraw,
    consents,
    equality,
    equality_edit,
)
from heard.privacy.views.reach import (
    BenchmarkListView,
    TargetListView,
    benchmark_add,
    benchmark_import,
    reach,
    target_edit,
)
from heard.privacy.views.subject_access import (
    erase,
    subject_access,
    subject_access_json,
    subject_access_pdf_view,
)

__all__ = [
    "BenchmarkListView",
    "TargetListView",
    "benchmark_add",
    "benchmark_import",
    "consent_add",
    "consent_withdraw",
    "consents",
    "equality",
    "equality_edit",
    "erase",
    "reach",
    "subject_access",
    "subject_access_json",
    "subject_access_pdf_view",
    "target_edit",
]
