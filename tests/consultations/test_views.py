"""The consultation pages, role by role: the registry with search, filters and export, the
"Check before you start" step, editing, deleting, questions, results and answers made views."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from heard.consultations import services
from heard.consultations.models import Consultation, Question
from heard.core.roles import Role
from tests import factories
from tests.consultations.conftest import answers_for
from tests.consultations.factories import ConsultationFactory

LIST = reverse("consultations:consultation-list")
CREATE = reverse("consultations:consultation-create")


def _detail(consultation):
    return reverse("consultations:consultation-detail", args=[consultation.pk])


def _form(organisation, theme, **extra):
    data = {
        "title": "Buses survey",
        "summary": "How do you get about?",
        "organisation": organisation.pk,
        "method": "survey",
        "opens_on_day": "1",
        "opens_on_month": "10",
        "opens_on_year": "2026",
        "closes_on_day": "31",
        "closes_on_month": "10",
        "closes_on_year": "2026",
        "themes": [theme.pk],
        "age_bands": ["14_15"],
        "areas": "Fenland\nEly",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    "role",
    [
        Role.PARTICIPATION_LEAD,
        Role.PARTICIPATION_OFFICER,
        Role.THEME_LEAD,
        Role.PARTNER_WORKER,
        Role.SAFEGUARDING_LEAD,
        Role.BOARD_MEMBER,
    ],
)
def test_every_staff_role_reads_the_registry(
    client_for, make_user, consultation, role, organisation
):
    user = make_user(role, organisation=organisation if role == Role.PARTNER_WORKER else None)
    client = client_for(user)
    page = client.get(LIST)
    assert page.status_code == 200
    assert consultation.title in page.content.decode()
    assert client.get(_detail(consultation)).status_code == 200
    may_add = role not in (Role.SAFEGUARDING_LEAD, Role.BOARD_MEMBER)
    assert ("Start a consultation" in page.content.decode()) is may_add
    assert client.get(CREATE).status_code == (200 if may_add else 403)


def test_signed_out_visitors_are_sent_to_sign_in(client, consultation):
    assert client.get(LIST).status_code == 302
    assert client.get(_detail(consultation)).status_code == 302


def test_search_filters_and_empty_states(client_for, officer, consultation, theme, today):
    ConsultationFactory(
        title="Play parks", opens_on=datetime.date(2024, 5, 1), closes_on=datetime.date(2024, 5, 30)
    )
    client = client_for(officer)
    assert "Play parks" not in client.get(LIST, {"q": "Have Your"}).content.decode()
    page = client.get(LIST, {"theme": theme.pk}).content.decode()
    assert consultation.title in page and "Play parks" not in page
    assert "Play parks" in client.get(LIST, {"year": 2024}).content.decode()
    assert "Play parks" in client.get(LIST, {"status": "closed"}).content.decode()
    assert "No consultations match your search." in client.get(LIST, {"q": "zzz"}).content.decode()
    Consultation.objects.all().delete()
    assert "No consultations have been recorded yet." in client.get(LIST).content.decode()


def test_the_registry_exports_as_csv_and_xlsx(client_for, officer, consultation):
    consultation.findings = "=HYPERLINK(1)"
    consultation.save()
    client = client_for(officer)
    csv = b"".join(client.get(LIST, {"format": "csv"}).streaming_content).decode()
    assert consultation.title in csv and "'=HYPERLINK(1)" in csv
    xlsx = client.get(LIST, {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert sheet.cell(2, 1).value == consultation.title


def test_starting_one_asked_before_shows_the_check_step(client_for, officer, organisation, theme):
    earlier = ConsultationFactory(
        title="Transport survey 2026",
        themes=[theme],
        opens_on=datetime.date(2026, 4, 1),
        closes_on=datetime.date(2026, 4, 30),
        findings="They want buses",
    )
    client = client_for(officer)
    check = client.post(CREATE, _form(organisation, theme))
    body = check.content.decode()
    assert check.status_code == 200
    assert "Check before you start" in body and "Transport survey 2026" in body
    assert f"{_detail(earlier)}#findings" in body
    assert 'name="title" value="Buses survey"' in body
    assert Consultation.objects.count() == 1
    back = client.post(CREATE, {**_form(organisation, theme), "back": "yes"})
    assert back.status_code == 200 and 'value="Buses survey"' in back.content.decode()
    assert "Check before you start" not in back.content.decode()
    assert Consultation.objects.count() == 1
    started = client.post(CREATE, {**_form(organisation, theme), "confirm_similar": "yes"})
    added = Consultation.objects.get(title="Buses survey")
    assert started.url == _detail(added)
    assert added.areas == ["Fenland", "Ely"]


def test_a_new_one_nobody_asked_starts_at_once(client_for, officer, organisation, theme):
    answer = client_for(officer).post(CREATE, _form(organisation, theme))
    assert answer.status_code == 302
    assert Consultation.objects.get().title == "Buses survey"


def test_bad_input_keeps_what_was_typed(
    client_for, officer, organisation, theme, partner_worker, other_organisation
):
    page = client_for(officer).post(
        CREATE, _form(organisation, theme, closes_on_year="2025", responses="x")
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert "Enter response numbers" in body and 'value="Buses survey"' in body
    page = client_for(officer).post(CREATE, _form(organisation, theme, closes_on_year="2025"))
    assert "The closing date must be on or after the opening date." in page.content.decode()
    page = client_for(officer).post(CREATE, _form(organisation, theme, responses="99999"))
    assert "No response you can see has the number 99999." in page.content.decode()
    assert not Consultation.objects.exists()


def test_edit_and_delete_by_those_who_keep_it(
    client_for, officer, board_member, consultation, organisation, theme
):
    edit = reverse("consultations:consultation-edit", args=[consultation.pk])
    delete = reverse("consultations:consultation-delete", args=[consultation.pk])
    response = factories.ResponseFactory()
    assert client_for(board_member).get(edit).status_code == 403
    assert client_for(board_member).get(delete).status_code == 403
    client = client_for(officer)
    assert client.get(edit).status_code == 200
    answer = client.post(
        edit, _form(organisation, theme, findings="Buses matter", responses=str(response.pk))
    )
    assert answer.status_code == 302
    consultation.refresh_from_db()
    assert consultation.findings == "Buses matter"
    detail = client.get(_detail(consultation)).content.decode()
    assert f"Response {response.pk}" in detail and "Buses matter" in detail
    assert "Delete “" in client.get(delete).content.decode()
    assert client.post(delete).url == LIST
    assert not Consultation.objects.exists()


def test_another_partners_worker_cannot_change_it(
    client_for, make_user, consultation, other_organisation
):
    other = make_user(Role.PARTNER_WORKER, organisation=other_organisation)
    client = client_for(other)
    assert client.get(_detail(consultation)).status_code == 200
    assert (
        client.get(reverse("consultations:consultation-edit", args=[consultation.pk])).status_code
        == 403
    )
    assert client.get(reverse("consultations:consultation-edit", args=[999999])).status_code == 404


# Questions ---------------------------------------------------------------------------------------


def test_questions_are_added_edited_moved_and_deleted(client_for, officer, consultation):
    client = client_for(officer)
    add = reverse("consultations:question-create", args=[consultation.pk])
    assert client.get(add).status_code == 200
    page = client.post(
        add, {"text": "Which?", "kind": "single", "options": "Only", "required": "yes"}
    )
    assert "Give at least two options" in page.content.decode()
    client.post(add, {"text": "Which?", "kind": "single", "options": "A\nB", "required": "yes"})
    client.post(add, {"text": "Why?", "kind": "text", "required": "no"})
    first, second = consultation.questions.order_by("position")
    assert first.options == ["A", "B"] and not second.required
    detail = client.get(_detail(consultation)).content.decode()
    assert "Move down" in detail and "Which?" in detail
    edit = reverse("consultations:question-edit", args=[first.pk])
    assert client.get(edit).status_code == 200
    client.post(
        edit, {"text": "Which one?", "kind": "single", "options": "A\nB", "required": "yes"}
    )
    first.refresh_from_db()
    assert first.text == "Which one?"
    move = reverse("consultations:question-move", args=[first.pk])
    assert client.get(move).status_code == 405
    client.post(move, {"direction": "down"})
    first.refresh_from_db()
    assert first.position == 2
    client.post(move, {"direction": "nowhere"})
    delete = reverse("consultations:question-delete", args=[second.pk])
    assert "Delete question" in client.get(delete).content.decode()
    client.post(delete)
    assert list(consultation.questions.all()) == [first]


def test_an_answered_question_cannot_be_deleted(client_for, officer, survey, young_person):
    services.survey_submit(
        young_person=young_person, consultation=survey, answers=answers_for(survey)
    )
    question = survey.questions.get(position=1)
    client = client_for(officer)
    delete = reverse("consultations:question-delete", args=[question.pk])
    assert "cannot be deleted" in client.get(delete).content.decode()
    page = client.post(delete, follow=True)
    assert "cannot be deleted" in page.content.decode()
    assert Question.objects.filter(pk=question.pk).exists()


def test_others_cannot_touch_questions(client_for, board_member, survey):
    question = survey.questions.first()
    client = client_for(board_member)
    assert client.get(reverse("consultations:question-create", args=[survey.pk])).status_code == 403
    assert client.get(reverse("consultations:question-edit", args=[question.pk])).status_code == 403
    assert client.get(reverse("consultations:question-edit", args=[999999])).status_code == 404


# Results -----------------------------------------------------------------------------------------


@pytest.fixture
def answered(survey, organisation):
    for number in range(3):
        services.survey_submit(
            young_person=factories.YoungPersonFactory(organisation=organisation),
            consultation=survey,
            answers=answers_for(survey, text=f"=cmd|{number}" if number == 0 else f"Idea {number}"),
        )
    return survey


def test_results_for_those_who_keep_the_survey(client_for, lead, answered):
    results = reverse("consultations:consultation-results", args=[answered.pk])
    client = client_for(lead)
    page = client.get(results).content.decode()
    assert "Young people who answered: <strong>3</strong>" in page
    assert "Idea 1" in page and "Make it a view" in page and "Protected figure" not in page
    csv = b"".join(client.get(results, {"format": "csv"}).streaming_content).decode()
    assert "'=cmd|0" in csv and "Do you feel safe?" in csv
    assert csv.count("\n") == 4
    xlsx = client.get(results, {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert sheet.max_row == 4


def test_board_members_see_protected_results_once_closed(client_for, board_member, answered, today):
    results = reverse("consultations:consultation-results", args=[answered.pk])
    client = client_for(board_member)
    assert client.get(results).status_code == 403
    Consultation.objects.filter(pk=answered.pk).update(closes_on=today - datetime.timedelta(days=1))
    page = client.get(results).content.decode()
    assert "Protected figure" in page and "Idea 1" not in page
    assert "fewer than 5" in page or "Young people who answered: <strong>5</strong>" in page
    assert client.get(results, {"format": "csv"}).status_code == 403


def test_a_free_text_answer_becomes_a_view(client_for, officer, answered):
    answer = answered.questions.get(kind="text").answers.order_by("id").last()
    url = reverse("consultations:answer-view", args=[answer.pk])
    client = client_for(officer)
    assert "Make this answer a view?" in client.get(url).content.decode()
    made = client.post(url)
    answer.refresh_from_db()
    assert made.url == reverse("voice:view-detail", args=[answer.view_id])
    again = client.post(url)
    assert again.url == reverse("consultations:consultation-results", args=[answered.pk])
    assert "already a view" in client.get(url).content.decode()


def test_a_board_member_cannot_make_views(client_for, board_member, answered):
    answer = answered.questions.get(kind="text").answers.first()
    url = reverse("consultations:answer-view", args=[answer.pk])
    assert client_for(board_member).get(url).status_code == 404
