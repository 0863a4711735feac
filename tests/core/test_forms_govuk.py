"""Every control of every form is a GOV.UK component (issue 17): every ``<input>``, ``<select>``
and ``<textarea>`` carries its GOV.UK class, so none is a bare browser control 19-21 px tall (the
GOV.UK classes give 40 px, over WCAG 2.2's 24 px target size). :func:`bare_controls` is checked on
every page of Heard, as each role, and on each form again after an empty POST, by the crawl that
opens them all once (``test_form_markup``, with its check for stored markup)."""

from __future__ import annotations

from html.parser import HTMLParser

#: The GOV.UK class each kind of control needs.
CLASSES = {
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "checkbox": "govuk-checkboxes__input",
    "radio": "govuk-radios__input",
    "file": "govuk-file-upload",
    "submit": "govuk-button",
}
NOT_CONTROLS = {"hidden"}


class _Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bare: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("input", "select", "textarea"):
            return
        attributes = dict(attrs)
        kind = tag if tag != "input" else (attributes.get("type") or "text")
        if kind in NOT_CONTROLS:
            return
        needed = CLASSES.get(kind, "govuk-input")
        if needed not in (attributes.get("class") or "").split():
            self.bare.append(f"<{tag} name={attributes.get('name')!r} needs {needed}>")


def bare_controls(html: str) -> list[str]:
    parser = _Controls()
    parser.feed(html)
    parser.close()
    return parser.bare


def test_the_checker_finds_bare_controls() -> None:
    assert bare_controls(
        '<select name="a"></select><input name="b" class="govuk-input"><input type="hidden">'
        '<input type="checkbox" name="c" class="govuk-input"><textarea name="d"></textarea>'
    ) == [
        "<select name='a' needs govuk-select>",
        "<input name='c' needs govuk-checkboxes__input>",
        "<textarea name='d' needs govuk-textarea>",
    ]


def test_a_drop_down_with_an_error_is_highlighted_as_govuk_says() -> None:
    """Django's select (``select.html``) and the filters' ``QuickSelect`` alike."""
    from django import forms

    from heard.core.widgets import QuickSelect

    choices = [("", "Any"), ("a", "A")]

    class Plain(forms.Form):
        pick = forms.ChoiceField(
            choices=choices, widget=forms.Select(attrs={"class": "govuk-select"})
        )

    class Quick(forms.Form):
        pick = forms.ChoiceField(choices=choices, widget=QuickSelect())

    for form_class in (Plain, Quick):
        wrong, right = form_class({"pick": "z"}), form_class({"pick": "a"})
        assert not wrong.is_valid() and right.is_valid()
        assert 'class="govuk-select govuk-select--error"' in str(wrong["pick"]), form_class
        assert 'class="govuk-select"' in str(right["pick"]), form_class
    assert str(Plain({"pick": "z"})["pick"]) == str(Quick({"pick": "z"})["pick"])
