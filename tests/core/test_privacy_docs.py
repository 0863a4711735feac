"""docs/privacy/ stays true: every test the Children's Code table cites exists (file and function),
every one of the Code's 15 standards has a row that cites a test or says plainly why not, and the
DPIA keeps the ICO template's steps."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRIVACY_DOCS = ROOT / "docs" / "privacy"
CHILDRENS_CODE = PRIVACY_DOCS / "childrens-code.md"
DPIA = PRIVACY_DOCS / "dpia.md"

#: The ICO Age Appropriate Design Code's 15 standards, in the Code's order.
STANDARDS = [
    "Best interests of the child",
    "Data protection impact assessments",
    "Age appropriate application",
    "Transparency",
    "Detrimental use of data",
    "Policies and community standards",
    "Default settings",
    "Data minimisation",
    "Data sharing",
    "Geolocation",
    "Parental controls",
    "Profiling",
    "Nudge techniques",
    "Connected toys and devices",
    "Online tools",
]
#: A cited test: `tests/<path>.py::<function>` or `tests/<path>.py::<Class>::<method>`.
CITATION = re.compile(r"`(tests/[\w/]+\.py)::(\w+(?:::\w+)?)`")


def table_rows(text: str) -> list[list[str]]:
    """The cells of every row of the numbered table (rows whose first cell is a number)."""
    rows = []
    for line in text.splitlines():
        if not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells and cells[0].isdigit():
            rows.append(cells)
    return rows


def defined_tests(path: Path) -> set[str]:
    """Every test a file defines, as `name` or `Class::name`, as pytest would collect them."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
            "test"
        ):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            names.update(
                f"{node.name}::{item.name}"
                for item in node.body
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                and item.name.startswith("test")
            )
    return names


def missing_citations(text: str, root: Path) -> list[str]:
    missing = []
    for file, function in CITATION.findall(text):
        path = root / file
        if not path.is_file():
            missing.append(f"{file} (no such file)")
        elif function not in defined_tests(path):
            missing.append(f"{file}::{function} (no such test)")
    return missing


def test_every_cited_test_exists():
    text = CHILDRENS_CODE.read_text(encoding="utf-8")
    citations = CITATION.findall(text)
    assert len(citations) >= 15
    assert missing_citations(text, ROOT) == []


def test_every_standard_has_one_row_with_a_test_or_a_plain_reason():
    rows = table_rows(CHILDRENS_CODE.read_text(encoding="utf-8"))
    assert [(row[0], row[1]) for row in rows] == [
        (str(number), name) for number, name in enumerate(STANDARDS, start=1)
    ]
    for _number, standard, applies, feature, proof in rows:
        assert applies and feature, standard
        cited = CITATION.findall(proof)
        assert cited or proof in {"does not apply", "gap"}, standard
        if proof == "does not apply":
            assert applies.startswith("No"), standard
        if not cited:
            assert "**Gap:**" in feature or applies.startswith("No"), standard


def test_the_checker_catches_a_missing_file_function_or_method(tmp_path):
    tests = tmp_path / "tests" / "portal"
    tests.mkdir(parents=True)
    source = (
        "def test_here():\n    pass\n\n\n"
        "class TestThing:\n    def test_method(self):\n        pass\n"
    )
    (tests / "test_x.py").write_text(source, encoding="utf-8")
    text = (
        "`tests/portal/test_x.py::test_here` `tests/portal/test_x.py::TestThing::test_method` "
        "`tests/portal/test_x.py::test_gone` `tests/portal/test_x.py::TestThing::test_gone` "
        "`tests/portal/test_y.py::test_here`"
    )
    assert missing_citations(text, tmp_path) == [
        "tests/portal/test_x.py::test_gone (no such test)",
        "tests/portal/test_x.py::TestThing::test_gone (no such test)",
        "tests/portal/test_y.py (no such file)",
    ]


def test_the_dpia_follows_the_ico_template():
    """The ICO's sample DPIA template: seven steps, the processing described by its nature, scope,
    context and purposes, risks with likelihood and severity, and a sign-off."""
    text = DPIA.read_text(encoding="utf-8")
    headings = re.findall(r"^##+ (.+)$", text, flags=re.MULTILINE)
    for step in (
        "Step 1: Identify the need for a DPIA",
        "Step 2: Describe the processing",
        "Nature of the processing",
        "Scope of the processing",
        "Context of the processing",
        "Purposes of the processing",
        "Step 3: Consultation process",
        "Step 4: Assess necessity and proportionality",
        "Step 5: Identify and assess risks",
        "Step 6: Identify measures to reduce risk",
        "Step 7: Sign off and outcomes",
    ):
        assert step in headings
    risk_rows = [
        row for row in table_rows(text.split("## Step 5")[1].split("## Step 6")[0]) if len(row) == 5
    ]
    assert len(risk_rows) >= 10
    for _number, _risk, likelihood, severity, overall in risk_rows:
        assert likelihood in {"remote", "possible", "probable"}
        assert severity in {"minimal", "significant", "severe"}
        assert overall in {"low", "medium", "high"}
    measures = table_rows(text.split("## Step 6")[1].split("## Step 7")[0])
    assert {row[0] for row in measures} == {row[0] for row in risk_rows}
    for phrase in ("Measures approved by", "Residual risks approved by", "DPO advice provided"):
        assert phrase in text


def test_every_link_between_the_documents_leads_somewhere():
    for doc in sorted(PRIVACY_DOCS.glob("*.md")):
        for target in re.findall(r"\]\(([^)#\s]+)\)", doc.read_text(encoding="utf-8")):
            if "://" not in target:
                assert (doc.parent / target).resolve().is_file(), f"{doc.name}: {target}"
