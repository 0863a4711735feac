"""Every PDF Heard makes: tagged PDF/UA-1 from a Typst template, fonts embedded, language set.

A template (an app's ``templates/pdf/<name>.typ``) reads its data from ``sys.inputs.data``, a JSON
string: text from the database reaches Typst as strings, which it draws as they are; they are
never read as Typst markup or code. Typst refuses to write a PDF/UA-1 document that breaks a rule
it can check (no title, a heading level skipped, an image without alternative text), so a
template that breaks one fails its tests instead of serving an inaccessible file. The fonts are
Typst's own (Libertinus Serif), embedded: no font is read from the machine.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import typst

#: The PDF standard every file meets (ISO 14289-1).
STANDARD: Final = "ua-1"


def render(template: Path, data: Mapping[str, Any]) -> bytes:
    """The PDF of ``template`` (a ``.typ`` file) filled with ``data``. The template's folder is
    Typst's root: a template can read no file outside it."""
    result = typst.compile(
        str(template),
        root=str(template.parent),
        sys_inputs={"data": json.dumps(data, default=str)},
        pdf_standards=[STANDARD],
        ignore_system_fonts=True,
    )
    if not isinstance(result, bytes):  # pragma: no cover - PDF is one file, never pages
        raise TypeError("Typst returned pages, not one PDF")
    return result
