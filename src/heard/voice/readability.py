"""How easy a plain-language response is to read: a reading age from the Flesch-Kincaid grade.

Reading age = Flesch-Kincaid grade + 5 (a UK child in year N is about N + 5 years old). Syllables
are counted from pyphen's hyphenation points, which is close enough for a warning, never a refusal.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyphen

#: Above this reading age Heard warns that children may find the text hard.
TARGET_READING_AGE = 11.0

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)|\n\s*\n")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB")


def syllables(word: str) -> int:
    """Syllables in one word: pyphen's hyphenation points, or vowel groups when it finds none."""
    word = word.lower().strip("'’-")
    if not word:
        return 0
    from_hyphens = len(_dictionary().positions(word)) + 1
    vowel_groups = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and vowel_groups > 1:
        vowel_groups -= 1
    return max(1, from_hyphens, min(vowel_groups, from_hyphens + 1))


def reading_age(text: str) -> float:
    """Flesch-Kincaid grade + 5 for ``text``; 0.0 for text without words."""
    words = _WORD.findall(text or "")
    if not words:
        return 0.0
    sentences = max(1, len([part for part in _SENTENCE_END.split(text.strip()) if part.strip()]))
    syllable_count = sum(syllables(word) for word in words)
    grade = 0.39 * (len(words) / sentences) + 11.8 * (syllable_count / len(words)) - 15.59
    return round(max(grade, -5.0) + 5, 1)


def readability_warning(text: str) -> str | None:
    """A warning naming the reading age when ``text`` reads above about 11; None otherwise."""
    return warning_at(reading_age(text))


def warning_at(age: float) -> str | None:
    """The warning for a text of reading age ``age`` (a response's stored ``reading_age``)."""
    if age <= TARGET_READING_AGE:
        return None
    return (
        f"The plain-language version reads at a reading age of about {age:.1f} "
        f"(Flesch-Kincaid grade plus 5); aim for {TARGET_READING_AGE:.0f} or under. "
        "Try shorter sentences and shorter words."
    )
