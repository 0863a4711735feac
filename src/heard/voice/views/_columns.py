"""The columns of the voice tables (``heard.core.tables.Column``): the views list, the views a
response answers, what is still owed feedback, a response's feedback, a young person's journey."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from heard.core.tables import Column

GIVEN = Column(gettext_lazy("Given"), "recorded_on")
WHO = Column(gettext_lazy("Who"), cell='{% include "voice/_givers.html" with view=row %}')
STATUS = Column(
    gettext_lazy("Status"),
    "get_status_display",
    cell='{% include "voice/_status_tag.html" with item=row %}',
)

#: The views a response answers (its page and its form).
VIEWS_ANSWERED = (
    GIVEN,
    Column(
        gettext_lazy("What was said"),
        "text",
        cell='<a class="govuk-link" href="{% url "voice:view-detail" row.pk %}">'
        "{{ row.text|truncatewords:25 }}</a>",
    ),
    WHO,
    STATUS,
)

#: The views list: a tick box for each open view to respond to (for who may), then the view.
VIEW_LIST = (
    Column(
        gettext_lazy("Select"),
        cell='{% if row.status == "open" %}<div class="govuk-checkboxes govuk-checkboxes--small" '
        'data-module="govuk-checkboxes"><div class="govuk-checkboxes__item">'
        '<input class="govuk-checkboxes__input" id="select-view-{{ row.pk }}" name="views" '
        'type="checkbox" value="{{ row.pk }}"><label class="govuk-label govuk-checkboxes__label"'
        ' for="select-view-{{ row.pk }}"><span class="govuk-visually-hidden">'
        "Select view {{ row.pk }} to respond to</span></label></div></div>{% endif %}",
        in_csv=False,
    ),
    GIVEN,
    Column(
        gettext_lazy("What was said"),
        "text",
        cell='<a class="govuk-link" href="{% url "voice:view-detail" row.pk %}">'
        '{{ row.text|truncatewords:20 }}</a><br><span class="govuk-body-s">'
        "{{ row.get_kind_display }}{% for theme in row.themes.all %}{% if forloop.first %}: "
        "{% endif %}{{ theme.title }}{% if not forloop.last %}, {% endif %}{% endfor %}</span>",
    ),
    WHO,
    Column(gettext_lazy("Organisation"), "organisation.name"),
    STATUS,
)

#: Responses still owed feedback (``feed_back_within_days`` from the page's context).
FEEDBACK_OWED = (
    Column(
        gettext_lazy("Response"),
        cell='<a class="govuk-link" href="{% url "voice:response-detail" row.pk %}">'
        '{{ row.get_outcome_display }} on {{ row.date|date:"j F Y" }}</a><br>'
        '<span class="govuk-body-s">{{ row.plain_language|truncatewords:15 }}</span>',
    ),
    Column(
        gettext_lazy("Owed to"),
        cell='{% for view in row.owed_views %}{% include "voice/_givers.html" %}'
        "{% if not forloop.last %}; {% endif %}{% endfor %}",
    ),
    Column(
        gettext_lazy("Days waiting"),
        "days_waiting",
        numeric=True,
        cell="{{ row.days_waiting }}{% if row.days_waiting > feed_back_within_days %} "
        '<strong class="govuk-tag govuk-tag--red">Overdue</strong>{% endif %}',
    ),
)

#: Who was told about a response, when and how.
FEEDBACK = (
    Column(gettext_lazy("Date"), "date"),
    Column(gettext_lazy("How"), "get_channel_display"),
    Column(
        gettext_lazy("Told"),
        cell="{% for group in row.groups.all %}{{ group.name }}{% if not forloop.last or "
        "row.young_people.all %}, {% endif %}{% endfor %}{% for person in row.young_people.all %}"
        "{{ person.reference }}{% if not forloop.last %}, {% endif %}{% endfor %}",
    ),
    Column(gettext_lazy("By"), cell='{{ row.given_by.full_name|default:"System" }}'),
)

#: A young person's journey: sessions, views, responses and feedback in time order.
JOURNEY = (
    Column(gettext_lazy("Date"), "date"),
    Column(
        gettext_lazy("What"),
        cell='{% if row.kind == "session" %}<a class="govuk-link" href="'
        '{% url "participation:session-detail" row.obj.pk %}">Session: {{ row.title }}</a>'
        '{% elif row.kind == "view" %}<a class="govuk-link" href="'
        '{% url "voice:view-detail" row.obj.pk %}">{{ row.title }} given</a>'
        '{% elif row.kind == "response" %}<a class="govuk-link" href="'
        '{% url "voice:response-detail" row.obj.pk %}">Response: {{ row.title }}</a>'
        '{% else %}<a class="govuk-link" href="{% url "voice:response-detail" '
        'row.obj.response_id %}">Told ({{ row.title|lower }})</a>{% endif %}',
    ),
    Column(gettext_lazy("Details"), cell="{{ row.detail|truncatewords:30 }}"),
)
