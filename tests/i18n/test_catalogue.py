"""The Welsh catalogue (src/heard/locale/cy): the committed .mo is the .po compiled, every
portal and public string has Welsh, none is fuzzy (Django would not use it), every placeholder
is kept, and every Welsh entry is marked for review by a Welsh speaker (docs/translation.md).

Compiled with polib (a dev dependency), so no GNU gettext is needed to check it."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.SRC_DIR) / "locale" / "cy" / "LC_MESSAGES"
REVIEW = "Needs review by a Welsh speaker"
#: The templates and modules of the portal and the public pages: each of their strings needs Welsh.
PORTAL_SOURCES = re.compile(
    r"^(portal/|opportunities/templates/opportunities/portal_"
    r"|consultations/templates/consultations/portal/|rewards/templates/rewards/portal_"
    r"|decisions/templates/decisions/portal/|core/templates/base\.html"
    r"|core/templates/includes/(messages|pagination)\.html"
    r"|core/templates/gds/layout/error_summary\.html)"
)
#: Python's %-placeholders (named or not) and the HTML tags a message carries.
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sd]|<[^>]+>")


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(LOCALE / "django.po"))


def _portal_entries(catalogue: polib.POFile) -> list[polib.POEntry]:
    return [
        entry
        for entry in catalogue
        if any(PORTAL_SOURCES.match(path) for path, _ in entry.occurrences)
    ]


def _messages(mo: polib.MOFile) -> dict[tuple[str, str | None], object]:
    found: dict[tuple[str, str | None], object] = {}
    for entry in mo:
        if entry.msgid_plural:
            found[(entry.msgid, entry.msgctxt)] = dict(sorted(entry.msgstr_plural.items()))
        else:
            found[(entry.msgid, entry.msgctxt)] = entry.msgstr
    return found


def test_the_committed_mo_is_the_po_compiled(catalogue, tmp_path):
    compiled = tmp_path / "django.mo"
    catalogue.save_as_mofile(str(compiled))
    committed = _messages(polib.mofile(str(LOCALE / "django.mo")))
    fresh = _messages(polib.mofile(str(compiled)))
    # Run `heard compilemessages -l cy` (docs/translation.md) after changing the .po.
    assert committed == fresh
    assert ("Sign in", None) in committed


def test_the_catalogue_is_welsh_with_plural_forms(catalogue):
    assert catalogue.metadata["Language"] == "cy"
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=4;")
    assert not catalogue.metadata_is_fuzzy


def test_no_entry_is_fuzzy(catalogue):
    """Django ignores fuzzy entries: a string marked fuzzy would show in English."""
    assert [entry.msgid for entry in catalogue if entry.fuzzy] == []


def test_every_portal_and_public_string_has_welsh(catalogue):
    entries = _portal_entries(catalogue)
    assert len(entries) > 150  # the portal, its forms and views, and the public pages
    empty = [
        entry.msgid
        for entry in entries
        if (entry.msgid_plural and not all(entry.msgstr_plural.values()))
        or (not entry.msgid_plural and not entry.msgstr)
    ]
    assert empty == []


def test_every_welsh_entry_is_marked_for_review(catalogue):
    unmarked = [
        entry.msgid for entry in catalogue if entry.translated() and REVIEW not in entry.tcomment
    ]
    assert unmarked == []


def test_every_placeholder_and_tag_is_kept(catalogue):
    lost = []
    for entry in catalogue:
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        welsh = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in welsh:
            if text and sorted(PLACEHOLDER.findall(text)) != wanted:
                lost.append((entry.msgid, text))
            if (
                text
                and "python-format" in entry.flags
                and text.count("%%") != entry.msgid.count("%%")
            ):
                lost.append((entry.msgid, text))
    assert lost == []
