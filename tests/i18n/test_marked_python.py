"""The forms, models and choices of the apps in APPS_PY mark their user-facing strings (issue 20):
a label=, help_text=, verbose_name= or verbose_name_plural= keyword, an error_messages value, a
Meta verbose_name, a model field's verbose name given first, and a TextChoices/IntegerChoices
member's label are never a plain str literal (they are gettext_lazy calls, `_("...")`)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings

#: The apps whose forms, models and choices modules are all marked. One a line: append.
APPS_PY = [
    # Issue 20, in the order their Python strings were marked.
    "core",
    "groups",
    "safeguarding",
    "participation",
    "people",
    "privacy",
    "voice",
    "plans",
    "audits",
    "indicators",
    "involvement",
    "rewards",
    "decisions",
    "consultations",
    "opportunities",
    "resources",
    "messaging",
    "jobs",
]
#: Choices whose labels stay plain str for now, with why: code outside the marked apps' forms
#: and models needs a str there (str.join, a str-typed field), so a lazy label would fail.
PLAIN_CHOICES: dict[str, str] = {}
KEYWORDS = frozenset({"label", "help_text", "verbose_name", "verbose_name_plural"})
#: Model fields whose first argument is the related model, not the verbose name.
RELATIONS = frozenset({"ForeignKey", "OneToOneField", "ManyToManyField"})
CHOICES_BASES = frozenset({"TextChoices", "IntegerChoices", "Choices"})


def _is_text(node: ast.AST | None) -> bool:
    """A plain str literal, or an f-string or concatenation built of them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and any(c.isalpha() for c in node.value)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _is_text(node.left) or _is_text(node.right)
    return False


def _is_choices(node: ast.ClassDef) -> bool:
    return any(
        (isinstance(base, ast.Attribute) and base.attr in CHOICES_BASES)
        or (isinstance(base, ast.Name) and base.id in CHOICES_BASES)
        for base in node.bases
    )


def _choice_labels(node: ast.ClassDef) -> list[ast.AST]:
    labels = []
    for statement in node.body:
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Tuple):
            labels.append(statement.value.elts[-1])
    return labels


def _field_name(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else ""


def unmarked_python(source: str, module: str = "") -> list[str]:
    """Each user-facing str literal of a module's source that is not marked, as `line: text`
    (`module`, the path under src/heard, names the PLAIN_CHOICES it may keep)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        suspects: list[ast.AST | None] = []
        if isinstance(node, ast.Call):
            if _field_name(node).endswith("Field") and _field_name(node) not in RELATIONS:
                suspects.extend(node.args[:1])  # a model field's verbose name, given first
            for keyword in node.keywords:
                if keyword.arg in KEYWORDS:
                    suspects.append(keyword.value)
                elif keyword.arg == "error_messages" and isinstance(keyword.value, ast.Dict):
                    suspects.extend(keyword.value.values)
        elif isinstance(node, ast.Assign):
            names = {target.id for target in node.targets if isinstance(target, ast.Name)}
            if names & KEYWORDS or "error_messages" in names and isinstance(node.value, ast.Dict):
                values = node.value.values if isinstance(node.value, ast.Dict) else [node.value]
                suspects.extend(values)
        elif (
            isinstance(node, ast.ClassDef)
            and _is_choices(node)
            and f"{module}:{node.name}" not in PLAIN_CHOICES
        ):
            suspects.extend(_choice_labels(node))
        found.extend(f"{s.lineno}: {ast.unparse(s)}" for s in suspects if s and _is_text(s))
    return found


def _modules(app: str) -> list[Path]:
    """An app's forms and models (modules or packages) and every module defining choices."""
    root = Path(settings.SRC_DIR) / app
    found = set()
    for path in root.rglob("*.py"):
        relative = path.relative_to(root).parts
        if relative[0] in ("migrations", "management", "templates"):
            continue
        in_forms_or_models = relative[0] in ("forms.py", "models.py", "forms", "models")
        if in_forms_or_models or "Choices)" in path.read_text(encoding="utf-8"):
            found.add(path)
    return sorted(found)


@pytest.mark.parametrize(
    "module",
    [module for app in APPS_PY for module in _modules(app)],
    ids=lambda path: str(path.relative_to(settings.SRC_DIR)),
)
def test_forms_models_and_choices_mark_their_strings(module: Path) -> None:
    name = module.relative_to(settings.SRC_DIR).as_posix()
    assert unmarked_python(module.read_text(encoding="utf-8"), name) == []


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ('name = forms.CharField(label="Name")', ["1: 'Name'"]),
        ('f = models.TextField(help_text="Say what " + x)', ["1: 'Say what ' + x"]),
        ('f = models.IntegerField(verbose_name=f"Age {n}")', ["1: f'Age {n}'"]),
        ('f = forms.CharField(error_messages={"required": "Enter a name"})', ["1: 'Enter a name'"]),
        ("class Meta:\n    verbose_name_plural = 'people'", ["2: 'people'"]),
        (
            "class Kind(models.TextChoices):\n    GROUP = 'group', 'Group session'",
            ["2: 'Group session'"],
        ),
        ("class Age(IntegerChoices):\n    ONE = 1, 'One'", ["2: 'One'"]),
        ('f = models.CharField("point of contact", max_length=9)', ["1: 'point of contact'"]),
    ],
)
def test_plain_literals_are_found(source: str, found: list[str]) -> None:
    assert unmarked_python(source) == found


@pytest.mark.parametrize(
    "source",
    [
        'name = forms.CharField(label=_("Name"), help_text=_("As they like it"))',
        "f = models.IntegerField(verbose_name=pgettext_lazy('age', 'Age'))",
        'f = forms.CharField(label="", help_text="—")',
        'f = forms.CharField(error_messages={"required": _("Enter a name")})',
        "class Meta:\n    verbose_name = _('person')",
        "class Kind(models.TextChoices):\n    GROUP = 'group', _('Group')\n    OTHER = 'other'",
        "widget = forms.TextInput(attrs={'autocomplete': 'email'})",
        'f = models.ForeignKey("people.Organisation", on_delete=models.PROTECT)',
        'f = models.CharField(_("point of contact"), max_length=9)',
    ],
)
def test_marked_and_empty_strings_pass(source: str) -> None:
    assert unmarked_python(source) == []


def test_only_the_listed_choices_keep_plain_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(PLAIN_CHOICES, "core/roles.py:Role", "a str is needed")
    source = "class Role(models.TextChoices):\n    ADMIN = 'admin', 'Administrator'"
    assert unmarked_python(source, "core/roles.py") == []
    assert unmarked_python(source, "people/models.py") == ["2: 'Administrator'"]
