"""The consultation selectors: "asked before?" (themes, audience overlap, the 12-month window),
the portal's surveys by audience, the results with the disclosure policy, and fixed queries."""

import datetime

import pytest
from django.http import Http404

from heard.consultations import selectors, services
from heard.consultations.models import Consultation
from heard.core.roles import Role
from heard.core.suppression import SMALL
from tests import factories
from tests.consultations.conftest import answers_for
from tests.consultations.factories import ConsultationFactory, SurveyResponseFactory

OPENS = datetime.date(2026, 9, 15)
YEAR_BEFORE = datetime.date(2025, 9, 15)


def _similar(theme, **audience):
    return selectors.similar_consultations(themes=[theme], opens_on=OPENS, **audience)


def _earlier(theme, *, closes_on=datetime.date(2026, 3, 31), **fields):
    consultation = ConsultationFactory(
        themes=[theme], opens_on=min(closes_on, datetime.date(2026, 3, 1)), closes_on=closes_on
    )
    for name, value in fields.items():
        if name in ("groups", "organisations"):
            getattr(consultation, name).set(value)
        else:
            setattr(consultation, name, value)
    consultation.save()
    return consultation


def test_months_before_keeps_the_day_or_the_months_last():
    assert selectors.months_before(datetime.date(2026, 9, 15), 12) == datetime.date(2025, 9, 15)
    assert selectors.months_before(datetime.date(2025, 3, 31), 1) == datetime.date(2025, 2, 28)
    assert selectors.months_before(datetime.date(2024, 3, 31), 1) == datetime.date(2024, 2, 29)
    assert selectors.months_before(datetime.date(2026, 1, 10), 1) == datetime.date(2025, 12, 10)
    assert selectors.months_before(datetime.date(1, 6, 1), 12) == datetime.date.min


def test_a_shared_theme_is_needed(theme):
    earlier = _earlier(theme)
    assert _similar(theme) == [earlier]
    assert _similar(factories.ThemeFactory()) == []
    assert selectors.similar_consultations(themes=[], opens_on=OPENS) == []


def test_the_12_month_window_edges(theme):
    on_the_edge = _earlier(theme, closes_on=YEAR_BEFORE)
    _earlier(theme, closes_on=YEAR_BEFORE - datetime.timedelta(days=1))
    assert _similar(theme) == [on_the_edge]
    # Overlapping the new one's dates counts; opening after it closes does not.
    during = ConsultationFactory(
        themes=[theme],
        opens_on=OPENS + datetime.timedelta(days=5),
        closes_on=OPENS + datetime.timedelta(days=40),
    )
    found = selectors.similar_consultations(
        themes=[theme], opens_on=OPENS, closes_on=OPENS + datetime.timedelta(days=5)
    )
    assert found == [during, on_the_edge]
    assert _similar(theme) == [on_the_edge]
    assert selectors.similar_consultations(themes=[theme], opens_on=OPENS, exclude=during) == [
        on_the_edge
    ]


def test_age_bands_overlap_or_are_empty(theme):
    teens = _earlier(theme, age_bands=["14_15", "16_17"])
    everyone = _earlier(theme)
    assert {c.pk for c in _similar(theme, age_bands=["16_17"])} == {teens.pk, everyone.pk}
    assert [c.pk for c in _similar(theme, age_bands=["8_10"])] == [everyone.pk]
    assert {c.pk for c in _similar(theme)} == {teens.pk, everyone.pk}


def test_areas_overlap_without_case(theme):
    fenland = _earlier(theme, areas=["Fenland"])
    assert [c.pk for c in _similar(theme, areas=["fenland "])] == [fenland.pk]
    assert _similar(theme, areas=["Ely"]) == []


def test_groups_and_organisations_overlap_or_are_empty(theme, organisation, other_organisation):
    group, other_group = factories.GroupFactory(), factories.GroupFactory()
    in_group = _earlier(theme, groups=[group])
    for_org = _earlier(theme, organisations=[organisation])
    assert {c.pk for c in _similar(theme, groups=[group])} == {in_group.pk, for_org.pk}
    assert [c.pk for c in _similar(theme, groups=[other_group])] == [for_org.pk]
    assert [c.pk for c in _similar(theme, organisations=[other_organisation])] == [in_group.pk]
    assert _similar(theme, groups=[other_group], organisations=[other_organisation]) == []


def test_the_similar_check_is_one_query(theme, django_assert_num_queries):
    for _ in range(3):
        _earlier(theme, areas=["Fenland"])
    group = factories.GroupFactory()
    with django_assert_num_queries(1):
        found = _similar(theme, areas=["Fenland"], groups=[group])
        assert [c.organisation.name for c in found]


# The registry ----------------------------------------------------------------------------------


def test_the_list_reads_in_fixed_queries(officer, theme, django_assert_num_queries):
    for _ in range(3):
        ConsultationFactory(themes=[theme, factories.ThemeFactory()])
    with django_assert_num_queries(2):
        rows = list(selectors.consultations_visible_to(officer))
        assert [len(row.themes.all()) for row in rows] == [2, 2, 2]
        assert [row.organisation.name for row in rows]
    assert selectors.consultation_get(officer, rows[0].pk) == rows[0]
    with pytest.raises(Http404):
        selectors.consultation_get(officer, "x")


def test_status_filters_by_dates(db, today):
    planned = ConsultationFactory(
        opens_on=today + datetime.timedelta(days=1), closes_on=today + datetime.timedelta(days=9)
    )
    open_ = ConsultationFactory(opens_on=today, closes_on=today)
    closed = ConsultationFactory(
        opens_on=today - datetime.timedelta(days=9), closes_on=today - datetime.timedelta(days=1)
    )
    assert list(Consultation.objects.with_status("planned")) == [planned]
    assert list(Consultation.objects.with_status("open")) == [open_]
    assert list(Consultation.objects.with_status("closed")) == [closed]
    assert [planned.status, open_.status, closed.status] == ["planned", "open", "closed"]
    assert closed.get_status_display() == "Closed"


def test_audience_words_choices_and_years(consultation, officer, partner_worker, organisation):
    consultation.age_bands = ["11_13"]
    consultation.areas = ["Ely"]
    consultation.save()
    consultation.groups.set([factories.GroupFactory(name="Youth Council")])
    assert selectors.consultation_audience(consultation) == {
        "age_bands": ["11 to 13"],
        "groups": ["Youth Council"],
        "areas": ["Ely"],
        "organisations": [],
    }
    assert selectors.years_with_consultations() == [2026]
    assert list(selectors.organisations_for_consultations(partner_worker)) == [organisation]
    assert organisation in selectors.organisations_for_consultations(officer)
    assert set(selectors.owner_choices(partner_worker)) == {partner_worker}
    assert officer in selectors.owner_choices(officer)


# The portal ------------------------------------------------------------------------------------


def test_the_portal_lists_open_surveys_whose_audience_takes_them_in(
    survey, young_person, today, organisation
):
    assert [(s.pk, s.answered) for s in selectors.portal_surveys(young_person)] == [
        (survey.pk, False)
    ]
    services.survey_submit(
        young_person=young_person, consultation=survey, answers=answers_for(survey)
    )
    assert [(s.pk, s.answered) for s in selectors.portal_surveys(young_person)] == [
        (survey.pk, True)
    ]
    assert selectors.portal_survey_get(young_person, survey.pk) == survey
    cases = [
        {"age_bands": ["18_25"]},
        {"areas": ["Ely"]},
    ]
    for fields in cases:
        other = factories.YoungPersonFactory(organisation=organisation)
        Consultation.objects.filter(pk=survey.pk).update(**fields)
        assert selectors.portal_surveys(other) == []
        with pytest.raises(Http404):
            selectors.portal_survey_get(other, survey.pk)
        Consultation.objects.filter(pk=survey.pk).update(age_bands=[], areas=[])
    Consultation.objects.filter(pk=survey.pk).update(age_bands=["11_13"], areas=["cambridge"])
    assert (
        len(selectors.portal_surveys(factories.YoungPersonFactory(organisation=organisation))) == 1
    )


def test_groups_and_organisations_of_the_audience_in_the_portal(survey, young_person, today):
    group = factories.GroupFactory()
    survey.groups.set([group])
    assert selectors.portal_surveys(young_person) == []
    factories.MembershipFactory(group=group, young_person=young_person, joined_on=today)
    assert len(selectors.portal_surveys(young_person)) == 1
    survey.organisations.set([factories.OrganisationFactory()])
    assert selectors.portal_surveys(young_person) == []
    survey.organisations.set([young_person.organisation])
    assert len(selectors.portal_surveys(young_person)) == 1


def test_closed_or_question_less_surveys_are_not_offered(survey, young_person, today):
    Consultation.objects.filter(pk=survey.pk).update(closes_on=today - datetime.timedelta(days=1))
    assert selectors.portal_surveys(young_person) == []
    empty = ConsultationFactory(opens_on=today, closes_on=today)
    assert empty not in selectors.portal_surveys(young_person)


# Results ---------------------------------------------------------------------------------------


@pytest.fixture
def answered(survey, organisation):
    """Six young people answered the survey; three wrote something."""
    for number in range(6):
        person = factories.YoungPersonFactory(organisation=organisation)
        services.survey_submit(
            young_person=person,
            consultation=survey,
            answers=answers_for(
                survey,
                single="Yes" if number < 5 else "No",
                multiple=["Sport", "Music"] if number % 2 else ["Art"],
                scale=str(number % 5 + 1),
                text=f"Idea {number}" if number < 3 else "",
            ),
        )
    return survey


def test_leads_see_exact_results(answered, lead):
    results = selectors.survey_results(lead, answered)
    assert results.exact and results.responses == 6 and results.note == ""
    single, multiple, scale, text = results.questions
    assert [(o.label, o.count, o.percent) for o in single.options] == [
        ("Yes", 5, 83.3),
        ("No", 1, 16.7),
    ]
    assert [o.count for o in multiple.options] == [3, 3, 3]
    assert [o.label for o in scale.options][0] == "1 (Not at all)"
    assert [o.label for o in scale.options][4] == "5 (Very)"
    assert [o.count for o in scale.options] == [2, 1, 1, 1, 1]
    assert scale.mean == pytest.approx((1 + 2 + 3 + 4 + 5 + 1) / 6, abs=0.01)
    assert [a.text for a in text.texts] == ["Idea 0", "Idea 1", "Idea 2"]
    assert results.sees_answers


def test_board_members_see_protected_results_without_the_words(answered, board_member):
    results = selectors.survey_results(board_member, answered)
    assert not results.exact and results.note
    assert results.responses in (5, 10)
    single = results.questions[0]
    assert single.options[1].count in (SMALL, 5)
    for question in results.questions:
        for option in question.options:
            assert option.count == 0 or option.count == SMALL or option.count % 5 == 0
    assert results.questions[3].texts == [] and not results.sees_answers


def test_results_read_in_fixed_queries(answered, lead, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        selectors.survey_results(lead, answered)


def test_results_show_to_readers_once_closed(survey, board_member, officer, today):
    assert selectors.results_visible(officer, survey)
    assert not selectors.results_visible(board_member, survey)
    assert selectors.results_visible(board_member, survey, today + datetime.timedelta(days=60))


def test_responses_and_answers_for_those_who_keep_the_survey(answered, officer, board_member):
    rows = list(selectors.consultation_responses(officer, answered))
    assert len(rows) == 6
    assert selectors.consultation_responses(board_member, answered).count() == 0
    text_answer = rows[0].answers.all()[3]
    assert selectors.answer_get(officer, text_answer.pk) == text_answer
    with pytest.raises(Http404):
        selectors.answer_get(board_member, text_answer.pk)
    with pytest.raises(Http404):
        selectors.answer_get(officer, rows[0].answers.all()[0].pk)
    assert selectors.has_answered(rows[0].young_person, answered)


def test_questions_in_order_with_their_answers(answered):
    questions = selectors.consultation_questions(answered)
    assert [q.position for q in questions] == [1, 2, 3, 4]
    assert [q.answer_count for q in questions] == [6, 6, 6, 3]


def test_empty_results(survey, make_user):
    results = selectors.survey_results(make_user(Role.PARTICIPATION_LEAD), survey)
    assert results.responses == 0
    assert results.questions[2].mean is None
    assert results.questions[0].options[0].percent is None
    SurveyResponseFactory(consultation=survey)
    assert (
        selectors.survey_results(make_user(Role.PARTICIPATION_LEAD), survey).questions[0].answered
        == 0
    )
