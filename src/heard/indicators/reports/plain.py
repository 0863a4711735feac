"""The young people's version of a report: the same figures in short, plain sentences.

Written for a reading age of 9 or under (``heard.voice.readability``, tested): one idea a
sentence, short words, "we" and "you". Counts of young people and their views come as the reader
may see them (``"fewer than 5"`` reads "a few"); highlights are the young people's own words and
the plain-language response staff wrote for them.
"""

from __future__ import annotations

from typing import Any

#: The reading age the sentences written here keep to (the tests check it).
READING_AGE = 9.0


def _table(figures: dict[str, Any], key: str) -> dict[str, Any]:
    return next(table for table in figures["tables"] if table["key"] == key)


def _amount(value: Any) -> str:
    text = str(value)
    if text.lower() in ("fewer than 5", "withheld", "no data"):
        return "a few"
    return text


def sentences(figures: dict[str, Any]) -> list[str]:
    """What the report says, in plain words, one short sentence each."""
    sessions = sum(int(row[1]) for row in _table(figures, "sessions_by_degree")["rows"])
    loop = {row[0]: row[1] for row in _table(figures, "loop")["rows"]}
    done = sum(row[2] for row in _table(figures, "provision_reviews")["rows"])
    said = [
        f"This is about {figures['label']}.",
        f"We met with young people {sessions} times.",
        f"You told us {_amount(loop['Views recorded'])} things.",
        f"We gave an answer to {_amount(loop['Views responded to'])} of them.",
        f"We came back to tell you the answer {_amount(loop['Views fed back'])} times.",
    ]
    if done:
        said += [
            "Young people checked on services.",
            f"The services did {done} of the things they asked.",
        ]
    on_target = sum(1 for row in _table(figures, "indicators")["rows"] if row[3] == "On target")
    if _table(figures, "indicators")["rows"]:
        said += ["We set goals.", f"We hit {on_target} of them."]
    return said


def highlights(figures: dict[str, Any]) -> list[dict[str, str]]:
    """You said, we did: the young people's words and the plain answer."""
    return [
        {"said": row[1], "did": row[2]} for row in _table(figures, "highlights")["rows"] if row[2]
    ]
