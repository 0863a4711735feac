"""What a page with GOV.UK's date input shows, for each app's form tests (issue 17)."""

from __future__ import annotations

from html.parser import HTMLParser

from heard.core.forms import DATE_HINT


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.boxes: dict[str, set[str]] = {}
        self.values: dict[str, str] = {}
        self.summary_links: list[str] = []
        self._in_summary = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        if tag == "div" and "govuk-error-summary" in classes:
            self._in_summary = True
        if tag == "a" and self._in_summary:
            self.summary_links.append(str(attributes.get("href")))
        if tag == "input" and attributes.get("name"):
            self.boxes[str(attributes["name"])] = classes
            self.values[str(attributes["name"])] = attributes.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self._in_summary = False


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def assert_date_input(html: str, name: str) -> None:
    """The field ``name`` is drawn as day, month and year boxes with GOV.UK's hint, not the
    browser's date box."""
    page = parse(html)
    for part in ("day", "month", "year"):
        assert "govuk-date-input__input" in page.boxes[f"{name}_{part}"], part
    assert name not in page.boxes
    assert 'type="date"' not in html
    assert DATE_HINT in html


def assert_date_error(html: str, name: str, message: str, wrong: set[str]) -> None:
    """The page shows ``message`` for ``name``, in the error summary linking to the day box,
    and highlights only the ``wrong`` boxes."""
    assert_date_input(html, name)
    page = parse(html)
    assert message in html
    assert f"#id_{name}_day" in page.summary_links
    highlighted = {
        part
        for part in ("day", "month", "year")
        if "govuk-input--error" in page.boxes[f"{name}_{part}"]
    }
    assert highlighted == wrong
