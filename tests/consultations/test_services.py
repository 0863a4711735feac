"""The consultation services: validation, permission refusals, the "asked before?" check, the
questions' guard once answered, one response per young person, and answers made views."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from heard.consultations import services
from heard.consultations.models import Answer, Consultation, Question, SurveyResponse
from heard.consultations.services import consultations as consultation_services
from heard.consultations.services import questions as question_services
from heard.consultations.services import responses as response_services
from heard.core.models import AuditEntry
from heard.core.roles import Role
from heard.voice.models import View
from tests import factories
from tests.consultations.conftest import answers_for
from tests.consultations.factories import (
    AnswerFactory,
    ConsultationFactory,
    SurveyResponseFactory,
)

SEPT = datetime.date(2026, 9, 1)


def _create(actor, organisation, **extra):
    values = {
        "title": "  Youth services survey ",
        "organisation": organisation,
        "opens_on": SEPT,
        "closes_on": SEPT + datetime.timedelta(days=30),
        "method": Consultation.Method.SURVEY,
    }
    values.update(extra)
    return services.consultation_create(actor=actor, **values)


def _errors(exc):
    return exc.value.message_dict


# Consultations ------------------------------------------------------------------------------------


def test_an_officer_adds_a_consultation_with_its_audience_and_it_is_audited(
    officer, organisation, other_organisation, theme
):
    group = factories.GroupFactory()
    response = factories.ResponseFactory()
    added = _create(
        officer,
        organisation,
        summary=" Why ",
        themes=[theme],
        age_bands=["14_15", "11_13", "14_15"],
        groups=[group],
        areas=["Fenland", " fenland", "Ely"],
        organisations=[other_organisation],
        findings="Found",
        decisions="Decided",
        responses=[response],
    )
    assert added.title == "Youth services survey"
    assert added.summary == "Why"
    assert added.owner == officer
    assert added.age_bands == ["11_13", "14_15"]
    assert added.areas == ["Fenland", "Ely"]
    assert list(added.groups.all()) == [group]
    assert list(added.responses.all()) == [response]
    entry = AuditEntry.objects.get(event="consultation.created")
    assert entry.changes["title"] == [None, "Youth services survey"]


def test_a_board_member_cannot_add_one(board_member, organisation):
    with pytest.raises(PermissionDenied):
        _create(board_member, organisation)


def test_a_partner_worker_adds_for_their_own_organisation_only(
    partner_worker, organisation, other_organisation, make_user
):
    assert _create(partner_worker, organisation).organisation == organisation
    with pytest.raises(ValidationError) as exc:
        _create(partner_worker, other_organisation)
    assert _errors(exc)["organisation"] == [consultation_services.NOT_YOURS]
    stranger = make_user(Role.PARTICIPATION_OFFICER)
    with pytest.raises(ValidationError) as exc:
        _create(partner_worker, organisation, owner=stranger)
    assert _errors(exc)["owner"] == [consultation_services.OWNER_ORGANISATION]


def test_a_theme_lead_adds_on_a_theme_they_lead(theme_lead, organisation, theme):
    with pytest.raises(ValidationError) as exc:
        _create(theme_lead, organisation, themes=[theme])
    assert _errors(exc)["themes"] == [consultation_services.LEAD_A_THEME]
    theme.lead = theme_lead
    theme.save()
    assert _create(theme_lead, organisation, themes=[theme]).themes.get() == theme


def test_bad_input_is_refused_with_a_message_each(officer, organisation, make_user):
    with pytest.raises(ValidationError) as exc:
        _create(
            officer,
            organisation,
            title="",
            method="telepathy",
            themes=[factories.ThemeFactory.build()],
            groups=["not a group"],
            age_bands=["ancient"],
            areas=["a" * 101],
            owner=make_user(is_active=False),
            closes_on=SEPT - datetime.timedelta(days=1),
        )
    errors = _errors(exc)
    assert errors["themes"] == [consultation_services.NO_THEMES]
    assert errors["groups"] == ["Choose groups that are on the register."]
    assert errors["age_bands"] == ["Choose age bands from the list."]
    assert "areas" in errors
    assert errors["owner"] == [consultation_services.OWNER]
    assert errors["closes_on"] == [consultation_services.DATES]
    assert "title" in errors and "method" in errors
    with pytest.raises(ValidationError) as exc:
        _create(officer, "not an organisation", age_bands="11_13", areas="")
    assert "organisation" in _errors(exc)


def test_responses_must_be_ones_the_actor_can_see(partner_worker, organisation):
    hidden = factories.ResponseFactory()
    with (
        mock.patch.object(
            consultation_services.RESPONSE_POLICY,
            "scope",
            return_value=hidden.__class__.objects.none(),
        ),
        pytest.raises(ValidationError) as exc,
    ):
        _create(partner_worker, organisation, responses=[hidden])
    assert _errors(exc)["responses"] == [consultation_services.RESPONSES]


def test_starting_one_asked_within_12_months_shows_the_earlier_one(officer, organisation, theme):
    earlier = ConsultationFactory(
        title="Have Your Say 2025",
        themes=[theme],
        opens_on=SEPT - datetime.timedelta(days=200),
        closes_on=SEPT - datetime.timedelta(days=170),
    )
    with pytest.raises(services.SimilarConsultations) as exc:
        _create(officer, organisation, themes=[theme])
    assert exc.value.similar == [earlier]
    assert "Have Your Say 2025" in exc.value.message_dict["confirm_similar"][0]
    assert not Consultation.objects.exclude(pk=earlier.pk).exists()
    added = _create(officer, organisation, themes=[theme], confirm_similar=True)
    entry = AuditEntry.objects.get(event="consultation.created", object_id=str(added.pk))
    assert entry.metadata == {"similar_confirmed": True}


def test_an_officer_changes_a_consultation(officer, consultation, theme):
    other = factories.ThemeFactory()
    changed = services.consultation_update(
        actor=officer,
        consultation=consultation,
        title=" New title ",
        findings=" Young people want buses ",
        age_bands=["16_17"],
        areas=["Wisbech"],
        themes=[other],
    )
    assert changed.title == "New title"
    assert changed.findings == "Young people want buses"
    assert changed.age_bands == ["16_17"]
    assert changed.areas == ["Wisbech"]
    assert list(changed.themes.all()) == [other]
    assert AuditEntry.objects.filter(event="consultation.changed").count() == 1


def test_changes_are_checked(
    partner_worker, theme_lead, officer, consultation, other_organisation, theme
):
    with pytest.raises(ValidationError) as exc:
        services.consultation_update(
            actor=partner_worker, consultation=consultation, organisation=other_organisation
        )
    assert _errors(exc)["organisation"] == [consultation_services.NOT_YOURS]
    with pytest.raises(ValidationError) as exc:
        services.consultation_update(
            actor=officer,
            consultation=consultation,
            closes_on=consultation.opens_on - datetime.timedelta(days=1),
        )
    assert "closes_on" in _errors(exc)
    theme.lead = theme_lead
    theme.save()
    with pytest.raises(ValidationError) as exc:
        services.consultation_update(
            actor=theme_lead, consultation=consultation, themes=[factories.ThemeFactory()]
        )
    assert _errors(exc)["themes"] == [consultation_services.LEAD_A_THEME]
    SurveyResponseFactory(consultation=consultation)
    with pytest.raises(ValidationError) as exc:
        services.consultation_update(actor=officer, consultation=consultation, method="event")
    assert _errors(exc)["method"] == [consultation_services.STILL_A_SURVEY]


def test_others_cannot_change_or_delete(board_member, partner_worker, other_organisation):
    theirs = ConsultationFactory(organisation=other_organisation)
    for actor in (board_member, partner_worker):
        with pytest.raises(PermissionDenied):
            services.consultation_update(actor=actor, consultation=theirs, title="Mine")
        with pytest.raises(PermissionDenied):
            services.consultation_delete(actor=actor, consultation=theirs)


def test_deleting_takes_the_questions_and_answers_and_is_audited(officer, survey, young_person):
    services.survey_submit(
        young_person=young_person, consultation=survey, answers=answers_for(survey)
    )
    services.consultation_delete(actor=officer, consultation=survey)
    assert not Consultation.objects.exists()
    assert not Answer.objects.exists() and not Question.objects.exists()
    entry = AuditEntry.objects.get(event="consultation.deleted")
    assert entry.metadata == {"responses": 1}


# Questions ----------------------------------------------------------------------------------------


def test_questions_are_added_at_the_end_and_checked(officer, consultation):
    first = services.question_add(
        actor=officer,
        consultation=consultation,
        text=" Safe? ",
        kind="single",
        options=["Yes", " ", "No", "Yes"],
    )
    second = services.question_add(
        actor=officer,
        consultation=consultation,
        text="Happy?",
        kind="scale",
        low_label="Not",
        high_label="Very",
        required=False,
    )
    assert (first.position, first.text, first.options) == (1, "Safe?", ["Yes", "No"])
    assert (second.position, second.required) == (2, False)
    cases = [
        ({"kind": "single", "options": ["Only one"]}, "options", question_services.TWO_OPTIONS),
        ({"kind": "text", "options": ["A", "B"]}, "options", question_services.NO_OPTIONS),
        ({"kind": "text", "low_label": "Low"}, "low_label", question_services.NO_LABELS),
        ({"kind": "multiple", "options": [str(n) for n in range(21)]}, "options", None),
        ({"kind": "multiple", "options": ["x" * 201, "b"]}, "options", None),
    ]
    for values, field, message in cases:
        with pytest.raises(ValidationError) as exc:
            services.question_add(actor=officer, consultation=consultation, text="Q", **values)
        assert field in _errors(exc)
        if message:
            assert _errors(exc)[field] == [message]


def test_only_a_survey_has_questions(officer, organisation):
    event = ConsultationFactory(organisation=organisation, method=Consultation.Method.EVENT)
    with pytest.raises(ValidationError) as exc:
        services.question_add(actor=officer, consultation=event, text="Q", kind="text")
    assert _errors(exc)["kind"] == [question_services.NOT_A_SURVEY]


def test_a_board_member_cannot_add_questions(board_member, consultation):
    with pytest.raises(PermissionDenied):
        services.question_add(actor=board_member, consultation=consultation, text="Q", kind="text")


def test_an_answered_question_keeps_what_its_answers_mean(officer, survey):
    question = survey.questions.get(position=1)
    AnswerFactory(question=question, response__consultation=survey, choices=["Yes"])
    with pytest.raises(ValidationError) as exc:
        services.question_update(actor=officer, question=question, options=["Yes", "No", "Maybe"])
    assert _errors(exc)["options"] == [question_services.ANSWERED]
    changed = services.question_update(
        actor=officer,
        question=question,
        text=" Do you feel safe here? ",
        required=False,
        options=["Yes", "No"],
    )
    assert (changed.text, changed.required) == ("Do you feel safe here?", False)
    assert services.question_update(actor=officer, question=changed, required=True).required
    with pytest.raises(ValidationError) as exc:
        services.question_delete(actor=officer, question=question)
    assert exc.value.messages == [question_services.ANSWERED_DELETE]


def test_an_unanswered_question_changes_and_goes(officer, survey):
    question = survey.questions.get(position=1)
    changed = services.question_update(
        actor=officer,
        question=question,
        kind="scale",
        options=[],
        low_label=" Low ",
        high_label="High",
    )
    assert (changed.kind, changed.low_label) == ("scale", "Low")
    services.question_delete(actor=officer, question=changed)
    assert list(survey.questions.values_list("position", flat=True)) == [1, 2, 3]
    assert AuditEntry.objects.filter(event="survey_question.deleted").count() == 1


def test_questions_move_up_and_down(officer, survey):
    first, second, third, fourth = survey.questions.order_by("position")
    moved = services.question_move(actor=officer, question=third, direction="up")
    assert moved.position == 2
    assert list(survey.questions.order_by("position").values_list("pk", flat=True)) == [
        first.pk,
        third.pk,
        second.pk,
        fourth.pk,
    ]
    assert services.question_move(actor=officer, question=first, direction="up").position == 1
    assert services.question_move(actor=officer, question=fourth, direction="down").position == 4
    assert AuditEntry.objects.filter(event="consultation.questions_reordered").count() == 1
    with pytest.raises(ValidationError):
        services.question_move(actor=officer, question=first, direction="sideways")


# Survey responses ---------------------------------------------------------------------------------


def test_a_young_person_answers_an_open_survey_once(survey, young_person):
    response = services.survey_submit(
        young_person=young_person, consultation=survey, answers=answers_for(survey, text="  ")
    )
    answers = {answer.question.position: answer for answer in response.answers.all()}
    assert answers[1].choices == ["Yes"]
    assert answers[2].choices == ["Sport"]
    assert answers[3].scale == 4
    assert 4 not in answers  # the optional text left empty
    entry = AuditEntry.objects.get(event="survey_response.submitted")
    assert entry.actor is None and entry.metadata == {"consultation": survey.pk, "answers": 3}
    with pytest.raises(ValidationError) as exc:
        services.survey_submit(
            young_person=young_person, consultation=survey, answers=answers_for(survey)
        )
    assert exc.value.messages == [response_services.ALREADY]


def test_answers_as_of_a_day_the_survey_is_open(survey, young_person, today):
    later = today + datetime.timedelta(days=40)
    with pytest.raises(PermissionDenied):
        services.survey_submit(
            young_person=young_person, consultation=survey, answers=answers_for(survey), on=later
        )
    day = today + datetime.timedelta(days=20)
    response = services.survey_submit(
        young_person=young_person, consultation=survey, answers=answers_for(survey), on=day
    )
    assert timezone.localdate(response.submitted_at) == day


def test_the_database_refuses_a_second_response_too(survey, young_person):
    services.survey_submit(
        young_person=young_person, consultation=survey, answers=answers_for(survey)
    )
    with (
        mock.patch.object(response_services.selectors, "has_answered", return_value=False),
        pytest.raises(ValidationError) as exc,
    ):
        services.survey_submit(
            young_person=young_person, consultation=survey, answers=answers_for(survey)
        )
    assert exc.value.messages == [response_services.ALREADY]
    assert SurveyResponse.objects.count() == 1


def test_wrong_answers_are_said_per_question(survey, young_person):
    keys = list(answers_for(survey))
    with pytest.raises(ValidationError) as exc:
        services.survey_submit(
            young_person=young_person,
            consultation=survey,
            answers=answers_for(
                survey, single="Maybe", multiple=["Chess"], scale="9", text="x" * 2001
            ),
        )
    errors = _errors(exc)
    assert errors[keys[0]] == ["Choose one of the options."]
    assert errors[keys[1]] == ["Choose from the options."]
    assert errors[keys[2]] == ["Choose a number from 1 to 5."]
    assert "2,000" in errors[keys[3]][0]
    with pytest.raises(ValidationError) as exc:
        services.survey_submit(young_person=young_person, consultation=survey, answers={})
    assert _errors(exc)[keys[0]] == [response_services.REQUIRED]
    assert keys[3] not in _errors(exc)
    assert not SurveyResponse.objects.exists()


def test_only_an_open_survey_for_them(survey, young_person, organisation):
    with pytest.raises(PermissionDenied):
        services.survey_submit(young_person="nobody", consultation=survey, answers={})
    survey.age_bands = ["18_25"]
    survey.save()
    with pytest.raises(PermissionDenied):
        services.survey_submit(young_person=young_person, consultation=survey, answers={})


# Free text -> views ------------------------------------------------------------------------------


def test_a_free_text_answer_becomes_a_view_once(officer, survey, young_person, theme):
    response = services.survey_submit(
        young_person=young_person, consultation=survey, answers=answers_for(survey)
    )
    answer = response.answers.get(question__kind="text")
    view = services.answer_to_view(actor=officer, answer=answer)
    assert view.text == "More buses"
    assert list(view.young_people.all()) == [young_person]
    assert list(view.themes.all()) == [theme]
    assert view.organisation == survey.organisation
    answer.refresh_from_db()
    assert answer.view == view
    assert AuditEntry.objects.filter(event="survey_answer.made_view").count() == 1
    with pytest.raises(ValidationError) as exc:
        services.answer_to_view(actor=officer, answer=answer)
    assert exc.value.messages == [response_services.ALREADY_A_VIEW]
    choice = response.answers.get(question__kind="single")
    with pytest.raises(ValidationError) as exc:
        services.answer_to_view(actor=officer, answer=choice)
    assert exc.value.messages == [response_services.NOT_TEXT]
    assert View.objects.count() == 1


def test_only_those_who_keep_the_survey_make_views(board_member, survey, young_person):
    response = services.survey_submit(
        young_person=young_person, consultation=survey, answers=answers_for(survey)
    )
    with pytest.raises(PermissionDenied):
        services.answer_to_view(
            actor=board_member, answer=response.answers.get(question__kind="text")
        )
