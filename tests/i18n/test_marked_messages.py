"""The messages src/heard shows people are marked for translation (issue 20): a view's
`messages.*()`, a form's `add_error`, the message of a ValidationError, a PermissionDenied or
an app's own error (JobError...), and the values of the errors dicts services raise, are never a
plain str (`unmarked_messages`, tests/i18n/messages_check.py).

Left out, with why:
- src/heard/api: the REST API's errors stay English for now (its modules are being refactored);
- migrations, the CLI's management commands (their stdout stays English: an operator's tool),
  the demo's data and generator (made-up records, not messages);
- CSV and XLSX exports' column headings are a data format that the imports read back, never
  translated (they are not messages, so this check does not look at them);
- NOT_YET: modules not marked yet, each with why.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from tests.i18n.messages_check import plain_constants, unmarked_messages

#: Top folders or files of src/heard that are not checked (see the docstring).
SKIPPED = ("api/", "demo/data", "demo/generator")
SKIPPED_PARTS = frozenset({"migrations", "management"})
#: Modules whose messages are not marked yet, with why (issue 20 goes on with them).
NOT_YET: dict[str, str] = {}


def _checked() -> list[Path]:
    src = Path(settings.SRC_DIR)
    found = []
    for path in sorted(src.rglob("*.py")):
        name = path.relative_to(src).as_posix()
        if name.startswith(SKIPPED) or SKIPPED_PARTS & set(path.parts) or name in NOT_YET:
            continue
        found.append(path)
    return found


def _dotted(path: Path) -> str:
    relative = path.relative_to(Path(settings.SRC_DIR).parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


@pytest.fixture(scope="module")
def constants() -> dict[str, set[str]]:
    src = Path(settings.SRC_DIR)
    return {_dotted(path): plain_constants(path.read_text("utf-8")) for path in src.rglob("*.py")}


@pytest.mark.parametrize(
    "module", _checked(), ids=lambda path: str(path.relative_to(settings.SRC_DIR))
)
def test_every_message_is_marked(module: Path, constants: dict[str, set[str]]) -> None:
    name = module.relative_to(settings.SRC_DIR).as_posix()
    in_views = "views" in name or name.endswith("/tables.py")
    found = unmarked_messages(module.read_text("utf-8"), constants, in_views=in_views)
    assert found == []


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ('messages.success(request, "Group added.")', ["1: 'Group added.'"]),
        ('messages.info(request, f"{n} left")', ["1: f'{n} left'"]),
        ("messages.add_message(request, 20, 'Saved.')", ["1: 'Saved.'"]),
        ('raise ValidationError("Enter a date.")', ["1: 'Enter a date.'"]),
        ('raise ValidationError({"when": "Enter a date."})', ["1: 'Enter a date.'"]),
        ('raise ValidationError(["One.", _("Two.")])', ["1: 'One.'"]),
        ('raise ValidationError(message="Too " + "long")', ["1: 'Too ' + 'long'"]),
        ('raise PermissionDenied("Not yours.")', ["1: 'Not yours.'"]),
        ('raise JobError("Cannot start.")', ["1: 'Cannot start.'"]),
        ('form.add_error("file", "Upload a CSV file.")', ["1: 'Upload a CSV file.'"]),
        ('errors["when"] = "Enter a date."', ["1: 'Enter a date.'"]),
        ('field_errors.setdefault("when", "Enter a date.")', ["1: 'Enter a date.'"]),
        (
            'raise ValidationError("Give {n} or fewer.".format(n=3))',
            ["1: 'Give {n} or fewer.'.format(n=3)"],
        ),
        ('raise ValidationError("%s left" % n)', ["1: '%s left' % n"]),
        ('GONE = "It is gone."\nraise ValidationError(GONE)', ["2: GONE"]),
        ('GONE = gettext_noop("It is gone.")\nraise ValidationError(GONE)', ["2: GONE"]),
        ('raise ValidationError(A if x else "No.")', ["1: A if x else 'No.'"]),
        ('columns = [tables.Column("Name", "full_name")]', ["1: 'Name'"]),
        ('Column(label=f"Age on {day}", value="age")', ["1: f'Age on {day}'"]),
    ],
)
def test_plain_messages_are_found(source: str, found: list[str]) -> None:
    assert unmarked_messages(source) == found


def test_a_views_title_or_label_is_found() -> None:
    source = 'context = {"title": f"Edit {name}", "submit_label": "Save", "pk": "x", "back": "y"}'
    assert unmarked_messages(source, in_views=True) == ["1: f'Edit {name}'", "1: 'Save'"]
    assert unmarked_messages(source) == []  # a service's dict is data


def test_an_imported_plain_constant_is_found() -> None:
    source = (
        "from heard.voice import services\nfrom heard.voice.services.views import GONE\n"
        "raise ValidationError(GONE)\nmessages.info(request, services.views.GONE)"
    )
    constants = {"heard.voice.services.views": {"GONE"}}
    assert unmarked_messages(source, constants) == ["3: GONE", "4: services.views.GONE"]


@pytest.mark.parametrize(
    "source",
    [
        'messages.success(request, _("Group added."))',
        'messages.info(request, _("%(n)s left") % {"n": n})',
        'messages.info(request, ngettext("%(n)s view", "%(n)s views", n) % {"n": n})',
        'raise ValidationError({"when": gettext_lazy("Enter a date.")}, code="x")',
        'GONE = gettext_noop("It is gone.")\nraise ValidationError(_(GONE))',
        'GONE = gettext_lazy("It is gone.")\nraise ValidationError(GONE)',
        "raise ValidationError(exc.messages)",
        'raise ValidationError("")',
        'errors["__all__"] = problems',
        'other["x"] = "Not an error message"',
        'messages.success(request, _("Saved: %(t)s") % {"t": title})',
        'columns = [Column(gettext_lazy("Name"), "full_name"), Column("", "pk")]',
    ],
)
def test_marked_messages_pass(source: str) -> None:
    assert unmarked_messages(source) == []


def test_the_modules_not_yet_marked_exist() -> None:
    src = Path(settings.SRC_DIR)
    assert [name for name in NOT_YET if not (src / name).is_file()] == []
