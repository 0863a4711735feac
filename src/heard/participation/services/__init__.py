"""Every write to the participation log: validate, check permission, save and audit, atomically.

By topic: ``checks`` (the rules a session is checked against), ``sessions`` (logging and
changing one session), ``headcounts`` (young people not on the
register, counted) and ``imports`` (a CSV file of sessions, in bulk).
"""

from heard.participation.services.headcounts import headcount_add, headcount_remove
from heard.participation.services.imports import sessions_import
from heard.participation.services.sessions import session_log, session_update

__all__ = [
    "headcount_add",
    "headcount_remove",
    "session_log",
    "session_update",
    "sessions_import",
]
