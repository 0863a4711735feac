"""The normalised search text of a young person (issue 17): names and reference, accents and case
forgiven, so "Zoe" finds "Zoë", "sinead" finds "Sinéad" and "oconnor" or "o'connor" finds
"O'Connor".

Pure functions (no model import): the model, the services that bypass ``save()`` (the import's
``bulk_create``, the demo generator) and the migration that filled the existing rows share them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

#: Removed, so that "O'Connor" reads "oconnor" (and "connor" is still a part of it).
_APOSTROPHES = dict.fromkeys(map(ord, "'\u2019\u2018\u02bc`\u00b4"))
#: Latin letters that Unicode does not decompose into a base letter and a mark.
_LETTERS = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "þ": "th", "æ": "ae", "œ": "oe"}
)
#: Anything else that is not a letter or a digit separates words.
_SEPARATORS = re.compile(r"[\W_]+")

#: The fields a young person's search text is made of, in its order.
SEARCHED_FIELDS = ("first_name", "last_name", "preferred_name", "reference")


def normalise(text: str) -> str:
    """``text`` as search compares it: casefolded, accents removed (NFKD without combining
    marks), apostrophes dropped, other punctuation a space, words single-spaced."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    bare = bare.translate(_APOSTROPHES).translate(_LETTERS)
    return " ".join(_SEPARATORS.sub(" ", bare).split())


def search_text(*parts: str | None) -> str:
    """The stored search text of names and a reference: each normalised, joined by spaces."""
    return " ".join(filter(None, (normalise(part or "") for part in parts)))


def search_text_of(record: Any) -> str:
    """The search text of a young person (any object with the searched fields)."""
    return search_text(*(getattr(record, name) for name in SEARCHED_FIELDS))


def search_phrases(text: str) -> list[str]:
    """What a search looks for: each word typed (split at spaces), normalised, once. A word with
    punctuation inside stays one phrase ("mary-jane" looks for "mary jane", "yp-abc2" for
    "yp abc2"), which the stored text holds as it does."""
    phrases = (normalise(word) for word in text.split())
    return list(dict.fromkeys(phrase for phrase in phrases if phrase))


def fill_search_text(model: Any, connection: Any, *, batch_size: int = 2000) -> int:
    """Write the search text of every row of ``model`` (the young people's table) in batches of
    ``batch_size`` rows read by primary key, so 200,000 rows are never in memory at once. The
    number of rows written."""
    table = connection.ops.quote_name(model._meta.db_table)
    sql = f"UPDATE {table} SET search_text = %s WHERE id = %s"  # noqa: S608 - quoted name
    written, last = 0, 0
    while True:
        rows = list(
            model.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", *SEARCHED_FIELDS)[:batch_size]
        )
        if not rows:
            return written
        with connection.cursor() as cursor:
            cursor.executemany(sql, [(search_text(*values), pk) for pk, *values in rows])
        written += len(rows)
        last = rows[-1][0]


def changed_fields(update_fields: Iterable[str] | None) -> list[str] | None:
    """``update_fields`` of a save, with the search text when a searched field is among them."""
    if update_fields is None:
        return None
    fields = list(update_fields)
    if "search_text" not in fields and set(fields) & set(SEARCHED_FIELDS):
        fields.append("search_text")
    return fields
