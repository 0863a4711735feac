"""Forms for logging and editing sessions, choosing who a session was with, and importing a CSV.

By topic: ``subject`` (step one: a group or one young person, found by a search), ``session``
(the session, with ``attendance`` for who came and the degree and type ``hints``) and
``imports`` (a CSV file) and ``headcount`` (young people not on the register, counted); each
form is importable from here (``heard.participation.views``).
"""

from heard.participation.forms.attendance import NOT_RECORDED
from heard.participation.forms.headcount import HeadcountForm
from heard.participation.forms.hints import DEGREE_HINTS, TYPE_HINTS
from heard.participation.forms.imports import SessionImportForm
from heard.participation.forms.session import SessionForm
from heard.participation.forms.subject import SessionSubjectForm

__all__ = [
    "DEGREE_HINTS",
    "HeadcountForm",
    "NOT_RECORDED",
    "TYPE_HINTS",
    "SessionForm",
    "SessionImportForm",
    "SessionSubjectForm",
]
