"""Reads about consent, retention, subject access and reach, scoped to what the user may see
(``heard.privacy.policies``), by topic: ``consents``, ``retention``, ``subject_access`` (with
``decided``: what a young person did where young people decide, reached through the relations
those apps point at a young person), ``reach`` and its ``tally``."""

from heard.privacy.selectors.consents import (
    BAND_AGES,
    as_pk,
    consent_current,
    consent_get,
    consents_for,
    consents_visible_to,
    may_be_under,
    photos_allowed,
    photos_withheld_view_ids,
)
from heard.privacy.selectors.reach import (
    NOT_RECORDED,
    Reach,
    ReachRow,
    ReachTable,
    TargetProgress,
    active_cells,
    benchmarks_list,
    is_known_value,
    reach,
    target_get,
    targets_list,
)
from heard.privacy.selectors.retention import (
    anonymisation_of,
    expense_claims_due,
    finance_cutoff,
    retention_cutoff,
    retention_due,
)
from heard.privacy.selectors.subject_access import equality_answers, subject_access_data
from heard.privacy.selectors.tally import REACH_COLUMNS

__all__ = [
    "BAND_AGES",
    "NOT_RECORDED",
    "REACH_COLUMNS",
    "Reach",
    "ReachRow",
    "ReachTable",
    "TargetProgress",
    "active_cells",
    "anonymisation_of",
    "as_pk",
    "benchmarks_list",
    "consent_current",
    "consent_get",
    "consents_for",
    "consents_visible_to",
    "equality_answers",
    "expense_claims_due",
    "finance_cutoff",
    "is_known_value",
    "may_be_under",
    "photos_allowed",
    "photos_withheld_view_ids",
    "reach",
    "retention_cutoff",
    "retention_due",
    "subject_access_data",
    "target_get",
    "targets_list",
]
