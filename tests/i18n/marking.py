"""Which words of a Django template are shown to people without being marked for translation.

`unmarked(path)` lexes the template with Django's own lexer and rebuilds its HTML with every
template tag replaced by a placeholder, so a tag or attribute that spans template tags
(`<a href="{% url 'x' %}" title="...">`) is still read whole by `html.parser`. It returns:

- the text between tags that holds words, outside `{% translate %}`, `{% blocktranslate %}` ...
  `{% endblocktranslate %}` (and the older `trans`/`blocktrans`), `{% comment %}` blocks,
  `{# #}` comments, HTML comments, `<script>`/`<style>`, and `<code>`, which holds literal
  names (a CSV column's, an API field's) that stay as they are in every language;
- the user-facing attributes (`aria-label`, `title`, `placeholder`, `alt`, and the `value` of an
  input of type submit, button or reset, which is its label) that hold literal words;
- string literals a tag shows: a `|default:"..."` (or `default_if_none`, `add`) argument, and an
  `{% include ... with caption="..." %}` argument named in VISIBLE_ARGUMENTS; `_("...")` marks
  them.

A "word" is a run of letters: punctuation, numbers, symbols and entities (`&nbsp;`, `·`, `£`)
are not words.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

#: Words that are never translated.
ALLOWED = frozenset(
    {
        # The product's name, the same in every language (the <title> ends with it).
        "Heard",
        # The language switch names each language in that language (docs/translation.md).
        "English",
        "Cymraeg",
    }
)
#: Placeholders that stand for template tags in the rebuilt HTML: a variable's value, any
#: other tag (if, for, url...), and text already marked for translation.
VARIABLE, TAG, MARKED = "\ue000", "\ue001", "\ue002"
PLACEHOLDERS = VARIABLE + TAG + MARKED
WORD = re.compile(r"[^\W\d_]+")
#: Arguments of {% include ... with name="..." %} that the included template shows.
VISIBLE_ARGUMENTS = frozenset(
    {"caption", "confirm", "cancel", "key", "empty", "heading", "title", "label", "hint", "text"}
)
#: Elements whose text is not translated: scripts, styles and literal code.
SKIPPED = frozenset({"script", "style", "code"})
INPUT_BUTTONS = frozenset({"submit", "button", "reset"})
VISIBLE_ATTRIBUTES = frozenset({"aria-label", "title", "placeholder", "alt"})
#: A string literal not wrapped in _( ), after a filter that shows it or a visible argument.
SHOWN_LITERAL = re.compile(
    r"""(?:\|(?:default|default_if_none|add):|\b(?P<name>\w+)=)(?P<quote>["'])(?P<text>.*?)(?P=quote)"""
)
#: Blocks whose content is an attribute's value, not text (`<html lang>`, `<body class>`).
ATTRIBUTE_BLOCKS = frozenset({"html_lang", "body_class"})
TRANSLATE_TAGS = frozenset({"translate", "trans"})
BLOCK_TRANSLATE = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans"}
#: A tag name made of placeholders (`<{% if tag %}{{ tag }}{% else %}div{% endif %}`).
PLACEHOLDER_TAG_NAME = re.compile(f"<(/?)[{PLACEHOLDERS}]+")


def has_words(text: str) -> bool:
    return any(word not in ALLOWED for word in WORD.findall(text))


def _shown_literals(contents: str) -> list[str]:
    found = []
    for match in SHOWN_LITERAL.finditer(contents):
        name = match.group("name")
        if name is not None and name not in VISIBLE_ARGUMENTS:
            continue
        if has_words(match.group("text")):
            found.append(match.group(0))
    return found


def _rebuild(source: str) -> tuple[str, list[str]]:
    """The template's HTML with placeholders for its tags, and the literals its tags show."""
    html: list[str] = []
    literals: list[str] = []
    closing: str | None = None  # inside a comment or blocktranslate: the tag that ends it
    for token in Lexer(source).tokenize():
        name = token.contents.split(" ", 1)[0] if token.token_type == TokenType.BLOCK else ""
        if closing is not None:
            if name == closing:
                closing = None
            continue
        if token.token_type == TokenType.TEXT:
            html.append(token.contents)
        elif token.token_type == TokenType.VAR:
            html.append(VARIABLE)
            literals.extend(_shown_literals(token.contents))
        elif token.token_type == TokenType.BLOCK:
            if name == "comment":
                closing = "endcomment"
            elif name == "block" and token.contents.split()[1] in ATTRIBUTE_BLOCKS:
                closing = "endblock"
            elif name in BLOCK_TRANSLATE:
                closing = BLOCK_TRANSLATE[name]
                html.append("" if " asvar " in f" {token.contents} " else MARKED)
            elif name in TRANSLATE_TAGS:
                html.append("" if " as " in token.contents else MARKED)
            else:
                html.append(TAG)
                literals.extend(_shown_literals(token.contents))
    return PLACEHOLDER_TAG_NAME.sub(r"<\1x", "".join(html)), literals


def _readable(text: str) -> str:
    text = text.replace(VARIABLE, "{{...}}").replace(MARKED, "{%...%}").replace(TAG, " ")
    return " ".join(text.split())


class _TextFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self._skipping += 1
        values = dict(attrs)
        # An input button shows its value; a <button>'s value is sent, never shown.
        is_button = tag == "input" and (values.get("type") or "").lower() in INPUT_BUTTONS
        for attribute, value in attrs:
            shown = attribute in VISIBLE_ATTRIBUTES or (attribute == "value" and is_button)
            if shown and value and has_words(value):
                self.found.append(f'{attribute}="{_readable(value)}"')

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in SKIPPED:
            self._skipping -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping and has_words(data):
            self.found.append(_readable(data))


def unmarked_source(source: str) -> list[str]:
    """Every piece of user-visible text in a template's source that is not marked."""
    html, literals = _rebuild(source)
    finder = _TextFinder()
    finder.feed(html)
    finder.close()
    return finder.found + literals


def unmarked(template_path: str | Path) -> list[str]:
    """Every piece of user-visible text in the template at `template_path` that is not marked."""
    return unmarked_source(Path(template_path).read_text(encoding="utf-8"))
