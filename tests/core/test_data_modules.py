"""A choices module (``heard/<app>/choices.py``) holds data only: the value/label tables of an
app's enumerations, which the duplicate count of issue 16 leaves aside as data. So it may hold
no logic: imports, a docstring, literal constants, and ``TextChoices``/``IntegerChoices``/
``Choices`` classes whose bodies are docstrings and member assignments (a tuple of literals and
``_("...")`` labels, a literal, or the name of a constant), nothing else."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHOICES_MODULES = sorted((ROOT / "src" / "heard").glob("*/choices.py"))
CHOICE_BASES = {"TextChoices", "IntegerChoices", "Choices"}
LABEL_CALLS = {"_", "gettext_lazy", "pgettext_lazy"}


def _is_literal(node: ast.expr) -> bool:
    """A string or number literal, or a translated label ``_("...")`` of literals."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (str, int, float)) and not isinstance(node.value, bool)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return _is_literal(node.operand)
    if isinstance(node, ast.Call):
        return (
            isinstance(node.func, ast.Name)
            and node.func.id in LABEL_CALLS
            and not node.keywords
            and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)
        )
    return False


def _is_value(node: ast.expr, names: set[str]) -> bool:
    """A member's value: a literal, a tuple of literals, or a constant's name."""
    if isinstance(node, ast.Tuple):
        return all(_is_literal(element) for element in node.elts)
    if isinstance(node, ast.Name):
        return node.id in names
    return _is_literal(node)


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _is_assignment(node: ast.stmt, names: set[str]) -> bool:
    return (
        isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and _is_value(node.value, names)
    )


def _base_name(base: ast.expr) -> str:
    if isinstance(base, ast.Attribute):
        return base.attr
    return base.id if isinstance(base, ast.Name) else ""


def not_data(source: str) -> list[str]:
    """What in ``source`` is not data, one line each (empty when the module is data only)."""
    tree = ast.parse(source)
    names: set[str] = set()  # module-level constants a member may name
    faults = []
    for index, node in enumerate(tree.body):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        if index == 0 and _is_docstring(node):
            continue
        if _is_assignment(node, set()):
            names.add(node.targets[0].id)  # type: ignore[attr-defined]
            continue
        if isinstance(node, ast.ClassDef):
            faults += _class_faults(node, names)
            continue
        faults.append(f"line {node.lineno}: {type(node).__name__} is not data")
    return faults


def _class_faults(node: ast.ClassDef, names: set[str]) -> list[str]:
    faults = []
    if node.decorator_list or node.keywords:
        faults.append(f"line {node.lineno}: {node.name} is decorated or has keywords")
    if not node.bases or not all(_base_name(base) in CHOICE_BASES for base in node.bases):
        faults.append(f"line {node.lineno}: {node.name} is not a choices class")
    for index, statement in enumerate(node.body):
        if index == 0 and _is_docstring(statement):
            continue
        if not _is_assignment(statement, names):
            kind = type(statement).__name__
            faults.append(f"line {statement.lineno}: {node.name} holds a {kind}, not a member")
    return faults


@pytest.mark.parametrize("path", CHOICES_MODULES, ids=lambda path: path.parent.name)
def test_a_choices_module_holds_data_only(path):
    assert not_data(path.read_text()) == []


def test_there_are_choices_modules():
    assert len(CHOICES_MODULES) >= 10


GOOD = '''"""Choices."""
from django.db import models
from django.utils.translation import gettext_lazy as _

SKIP = ("skip", "Skip")


class Kind(models.TextChoices):
    """Kinds."""

    VIEW = "view", _("View")
    PLAIN = "plain"
    SKIP = SKIP


class Size(models.IntegerChoices):
    SMALL = 1, _("Small")
'''


def test_the_checker_passes_a_data_module():
    assert not_data(GOOD) == []


@pytest.mark.parametrize(
    "bad",
    [
        GOOD + "\n\ndef helper():\n    return 1\n",
        GOOD.replace('    PLAIN = "plain"\n', "    def label_of(self):\n        return 1\n"),
        GOOD.replace(
            '    PLAIN = "plain"\n', "    @property\n    def big(self):\n        return 1\n"
        ),
        GOOD.replace('    PLAIN = "plain"\n', '    PLAIN = "plain".upper(), _("Plain")\n'),
        GOOD.replace('    PLAIN = "plain"\n', '    PLAIN = "plain", _(f"{1}")\n'),
        GOOD.replace('    PLAIN = "plain"\n', "    PLAIN = UNKNOWN\n"),
        GOOD.replace("class Size(models.IntegerChoices)", "class Size(object)"),
        GOOD + "\n\nif True:\n    X = 1\n",
        GOOD + '\n\nprint("side effect")\n',
        GOOD + "\n\nLOOKUP = {Kind.VIEW: 1}\n",
    ],
    ids=[
        "function",
        "method",
        "property",
        "call",
        "f-string label",
        "unknown name",
        "not choices",
        "if",
        "statement",
        "computed constant",
    ],
)
def test_the_checker_refuses_logic(bad):
    assert not_data(bad) != []
