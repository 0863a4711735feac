"""Which messages a module of src/heard shows people without marking them for translation.

`unmarked_messages(source, constants)` walks a module's syntax tree and returns, as
`line: text`, each message that is a plain str (a literal, an f-string, a `+`, `%` or
`.format` built on one, or a name bound to one) where the code hands it to a person:

- the message of `messages.success/info/warning/error/debug(request, message)` and of
  `messages.add_message(request, level, message)`;
- the message of `ValidationError(...)` (a str, or the values of a dict, or the items of a
  list), `PermissionDenied(...)` and the apps' own errors that reach a page (ERRORS);
- the error of `form.add_error(field, error)`;
- a value put in an errors dict on its way to a ValidationError: `errors["field"] = "..."`
  and `errors.setdefault("field", "...")` (any name with "errors" in it);
- a list's column heading, `Column("Heading", ...)` (core/tables.py): the page shows it (its
  CSV and XLSX exports write the English heading, a data format the imports read back);
- in a views module (`in_views`), a page's title, caption, heading, hint or button label given
  to its template: a dict value under a key named so (`"title"`, `"submit_label"`,
  `"trail_caption"`...).

A name is plain when the module (or the module it is imported from, `constants` maps
"heard.app.module" to its plain names) binds it at the top level to a plain str or to
`gettext_noop("...")`, which marks a str for the catalogue but leaves it untranslated: such a
name must be passed through `_()` (gettext) where it is shown.
"""

from __future__ import annotations

import ast
import re

MESSAGE_FUNCTIONS = frozenset({"success", "info", "warning", "error", "debug"})
#: Errors whose message reaches a page: Django's, and the apps' own.
ERRORS = frozenset(
    {
        "ValidationError",
        "PermissionDenied",
        # jobs: a job that cannot start or be tried again, an export or import refused.
        "JobError",
        "ExportRefused",
        "ImportRejected",
    }
)
NOOP = frozenset({"gettext_noop", "noop"})
#: A views module's context keys whose value a template shows as a title, caption or label.
SHOWN_KEY = re.compile(r"(^|_)(title|caption|heading|hint|legend|label)$")


def _callee(func: ast.AST) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    return ""


def _is_plain(node: ast.AST) -> bool:
    """A str literal with words, or an f-string, `+` or `%` or `.format` built on one."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and any(c.isalpha() for c in node.value)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return _is_plain(node.left) or (isinstance(node.op, ast.Add) and _is_plain(node.right))
    if isinstance(node, ast.Call) and _callee(node.func) == "format":
        return isinstance(node.func, ast.Attribute) and _is_plain(node.func.value)
    return False


def plain_constants(source: str | ast.Module) -> set[str]:
    """The top-level names a module binds to a plain str or to gettext_noop("...")."""
    names = set()
    tree = ast.parse(source) if isinstance(source, str) else source
    for statement in tree.body:
        if isinstance(statement, ast.Assign | ast.AnnAssign) and statement.value is not None:
            value = statement.value
            noop = isinstance(value, ast.Call) and _callee(value.func) in NOOP
            if _is_plain(value) or noop:
                targets = (
                    statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                )
                names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _imported(tree: ast.Module) -> dict[str, str]:
    """Each name a module imports from heard, as the dotted path it stands for."""
    found = {}
    for statement in ast.walk(tree):
        if isinstance(statement, ast.ImportFrom) and (statement.module or "").startswith("heard"):
            for alias in statement.names:
                found[alias.asname or alias.name] = f"{statement.module}.{alias.name}"
        elif isinstance(statement, ast.Import):
            for alias in statement.names:
                if alias.name.startswith("heard") and alias.asname:
                    found[alias.asname] = alias.name
    return found


def unmarked_messages(
    source: str, constants: dict[str, set[str]] | None = None, *, in_views: bool = False
) -> list[str]:
    """Each message of `source` shown to people as a plain str, as `line: text`; `constants`
    maps each module of heard ("heard.app.module") to its plain names."""
    found = unmarked_nodes(ast.parse(source), constants or {}, in_views=in_views)
    found.sort(key=lambda node: (node.lineno, node.col_offset))
    return [f"{node.lineno}: {ast.unparse(node)}" for node in found]


def unmarked_nodes(
    tree: ast.Module, constants: dict[str, set[str]], *, in_views: bool = False
) -> list[ast.expr]:
    """The messages of a module's tree shown to people as a plain str."""
    local = plain_constants(tree)
    imported = _imported(tree)

    def plain_name(node: ast.AST) -> bool:
        dotted = _dotted(node)
        if not dotted:
            return False
        if dotted in local:
            return True
        head, _, rest = dotted.partition(".")
        path = imported.get(head, "") + (f".{rest}" if rest else "") if head in imported else ""
        owner, _, name = path.rpartition(".")
        return bool(owner) and name in constants.get(owner, set())

    def plain(node: ast.AST) -> bool:
        if _is_plain(node) or plain_name(node):
            return True
        if isinstance(node, ast.IfExp):
            return plain(node.body) or plain(node.orelse)
        if isinstance(node, ast.Call) and _callee(node.func) == "format":
            return isinstance(node.func, ast.Attribute) and plain(node.func.value)
        return (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Add | ast.Mod)
            and plain(node.left)
        )

    found: list[ast.expr] = []
    for node in ast.walk(tree):
        suspects: list[ast.expr] = []
        if isinstance(node, ast.Call):
            name = _callee(node.func)
            keywords = {keyword.arg: keyword.value for keyword in node.keywords}
            owner = _dotted(node.func.value) if isinstance(node.func, ast.Attribute) else ""
            if owner == "messages" and name in MESSAGE_FUNCTIONS:
                suspects.extend(node.args[1:2])
            elif owner == "messages" and name == "add_message":
                suspects.extend(node.args[2:3])
            elif name == "add_error":
                suspects.extend(node.args[1:2])
            elif name in ERRORS:
                suspects.extend(node.args[:1])
            elif name == "setdefault" and "errors" in owner.lower():
                suspects.extend(node.args[1:2])
            elif name == "Column":
                suspects.extend(node.args[:1])
                suspects.extend(keywords[key] for key in ("label",) if key in keywords)
            for keyword in ("message", "error"):
                if keyword in keywords and (name in ERRORS or name == "add_error"):
                    suspects.append(keywords[keyword])
        elif isinstance(node, ast.Dict) and in_views:
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and SHOWN_KEY.search(str(key.value)):
                    suspects.append(value)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Subscript) and "errors" in _dotted(target.value).lower():
                    suspects.append(node.value)
        while suspects:
            suspect = suspects.pop()
            if isinstance(suspect, ast.Dict):
                suspects.extend(value for value in suspect.values if value is not None)
            elif isinstance(suspect, ast.List | ast.Tuple):
                suspects.extend(suspect.elts)
            elif plain(suspect):
                found.append(suspect)
    return found
