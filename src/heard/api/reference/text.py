"""A description cut into paragraphs and bullet lists of plain text and ``code`` (the Markdown
drf-spectacular writes for enums); nothing in it is ever taken as HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    """A run of text: ``code`` when it was between backticks."""

    text: str
    code: bool = False


@dataclass(frozen=True)
class Block:
    """A paragraph (one item) or a bullet list (one item a bullet), each item a run of segments."""

    kind: str  # "paragraph" or "list"
    items: tuple[tuple[Segment, ...], ...]


_BULLET = re.compile(r"^\s*[*-]\s+")


def segments(text: str) -> tuple[Segment, ...]:
    """``"Use `Token <key>` here"`` as plain text and code: backticks mark code."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unmatched backtick is just a character
        parts = [*parts[:-2], parts[-2] + "`" + parts[-1]]
    return tuple(Segment(part, code=index % 2 == 1) for index, part in enumerate(parts) if part)


def blocks(text: str | None) -> tuple[Block, ...]:
    """A description as paragraphs (split by blank lines) and bullet lists (lines from ``*``)."""
    result: list[Block] = []
    for chunk in re.split(r"\n\s*\n", (text or "").strip()):
        runs: list[tuple[str, list[str]]] = []  # ("paragraph", lines) or ("list", bullets)
        for line in (line.strip() for line in chunk.splitlines()):
            if _BULLET.match(line):
                if not runs or runs[-1][0] != "list":
                    runs.append(("list", []))
                runs[-1][1].append(_BULLET.sub("", line))
            elif runs and runs[-1][0] == "list":  # a bullet's text carried on to the next line
                runs[-1][1][-1] += " " + line
            elif runs:
                runs[-1][1].append(line)
            else:
                runs.append(("paragraph", [line]))
        for kind, lines in runs:
            items = [" ".join(lines)] if kind == "paragraph" else lines
            result.append(Block(kind, tuple(segments(item) for item in items)))
    return tuple(result)
