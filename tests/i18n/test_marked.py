"""Every template of the apps in APPS has its user-visible text marked for translation
(issue 20): `unmarked` (tests/i18n/marking.py) finds none, and `unmarked` itself catches text,
attributes, button values and shown literals, and lets marked ones through."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines

from tests.i18n.marking import unmarked, unmarked_source

#: The apps whose templates (src/heard/<app>/templates) are all marked. One a line: append.
APPS = [
    # Issue 20, in the order their templates were marked.
    "safeguarding",
    "groups",
    "voice",
    "plans",
    "audits",
    "involvement",
    "resources",
    "participation",
    "rewards",
    "decisions",
    "consultations",
    "opportunities",
    "messaging",
    "people",
    "privacy",
    "api",
    "core",
    "indicators",
    "jobs",
]


def _templates() -> list[Path]:
    src = Path(settings.SRC_DIR)
    return sorted(path for app in APPS for path in (src / app / "templates").rglob("*.html"))


@pytest.mark.parametrize(
    "template", _templates(), ids=lambda path: str(path.relative_to(settings.SRC_DIR))
)
def test_every_visible_string_is_marked(template: Path) -> None:
    engines["django"].from_string(template.read_text(encoding="utf-8"))  # {% load i18n %} is there
    assert unmarked(template) == []


def test_the_apps_have_templates() -> None:
    assert all((Path(settings.SRC_DIR) / app / "templates").is_dir() for app in APPS)


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("<p>Hello there</p>", ["Hello there"]),
        ("<p><code>age_band</code> as a code</p>", ["as a code"]),
        (
            '<h1 class="govuk-heading-l">{{ title }} since {{ date }}</h1>',
            ["{{...}} since {{...}}"],
        ),
        ('<a href="{% url \'x\' %}" class="govuk-link">All groups</a>', ["All groups"]),
        ('<nav aria-label="Main menu"></nav>', ['aria-label="Main menu"']),
        (
            '<abbr title="Disclosure and Barring Service">DBS</abbr>',
            ['title="Disclosure and Barring Service"', "DBS"],
        ),
        ('<input type="text" placeholder="Search here">', ['placeholder="Search here"']),
        ('<img src="x.png" alt="A chart">', ['alt="A chart"']),
        ('<input type="submit" value="Save changes">', ['value="Save changes"']),
        ('<input type="button" value="Go">', ['value="Go"']),
        ('<button type="submit">Send</button>', ["Send"]),
        ('{% include "t.html" with caption="Every change" %}', ['caption="Every change"']),
        ('{{ when|default:"Not given" }}', ['|default:"Not given"']),
        ("{% if x %}<p>Yes</p>{% endif %}", ["Yes"]),
    ],
)
def test_unmarked_finds_text_attributes_and_literals(source: str, found: list[str]) -> None:
    assert unmarked_source(source) == found


@pytest.mark.parametrize(
    "source",
    [
        '{% load i18n %}<p>{% translate "Hello there" %}</p>',
        '<p>{% trans "Hello" %}</p>',
        "<p>{% blocktranslate trimmed with name=n %}\n Hi {{ name }}\n{% endblocktranslate %}</p>",
        "<p>{% blocktrans count n=k %}One{% plural %}Many{% endblocktrans %}</p>",
        "<nav aria-label=\"{% translate 'Main menu' %}\"></nav>",
        '{% translate "Save" as save %}<input type="submit" value="{{ save }}">',
        '<input type="hidden" name="next" value="portal">',
        '<button type="submit" name="language" value="cy">{% translate "Send" %}</button>',
        "<p>{{ count }} &middot; &nbsp; £12.50 · 3 – 4</p>",
        "{% comment %}Notes for developers{% endcomment %}{# a note #}<!-- an HTML note -->",
        '<div class="govuk-body" id="main-content" data-module="govuk-button"></div>',
        '{% include "t.html" with caption=_("Every change") rows=rows kind="table" %}',
        '{{ when|default:_("Not given") }}{{ when|date:"j F Y" }}',
        "<title>{% block title %}{% endblock %}Heard</title>",
        '<html lang="{% block html_lang %}en-GB{% endblock %}">',
        '<body class="x{% block body_class %} heard-portal{% endblock %}">',
        '<{% if tag %}{{ tag }}{% else %}div{% endif %} class="x"></div>',
        "<script>let words = 'not shown';</script><style>p { font-family: serif; }</style>",
        "<p>{% translate 'Name the column' %} <code>first_name</code>.</p>",
    ],
)
def test_unmarked_lets_marked_and_invisible_text_through(source: str) -> None:
    assert unmarked_source(source) == []
