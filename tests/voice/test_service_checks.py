"""Each refusal of the voice services, with its message at its field."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from heard.voice import services
from heard.voice.models import Response, View
from heard.voice.services._common import as_date, check_text
from heard.voice.services.evidence import _is_docx
from tests import factories
from tests.voice.conftest import SESSION_DAY

pytestmark = pytest.mark.django_db

RESPONSE_DAY = datetime.date(2026, 10, 20)


def refused(call, **kwargs):
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value.message_dict


@pytest.fixture
def view(session, group):
    return services.view_record(actor=None, text="More buses", session=session, group=group)


@pytest.fixture
def response(view):
    return services.response_record(
        actor=None,
        views=[view],
        decision_maker="Head of Youth Services",
        outcome=Response.Outcome.CHANGED,
        explanation="The club now opens on Saturdays.",
        plain_language="The club is open on Saturdays now.",
        date=RESPONSE_DAY,
    )


def test_dates_and_texts_are_read_leniently():
    assert as_date(datetime.datetime(2026, 1, 2, 3, 4, tzinfo=datetime.UTC)) == datetime.date(
        2026, 1, 2
    )
    assert as_date(" 2026-01-02 ") == datetime.date(2026, 1, 2)
    assert as_date("2026-02-31") is None and as_date(5) is None
    errors: dict = {}
    check_text(5, "text", "Enter it.", errors)
    assert errors == {"text": "Enter text."}


class TestViewRecord:
    def test_who_gave_it_must_be_on_the_register_and_visible(
        self, officer, partner_worker, session, other_session
    ):
        errors = refused(
            services.view_record, actor=officer, text="x", session=session, young_people=["x"]
        )
        assert errors["young_people"] == ["Choose young people who are on the register."]
        errors = refused(
            services.view_record, actor=officer, text="x", session=session, group="group"
        )
        assert errors["group"] == ["Choose a group that is on the register."]
        stranger = factories.MembershipFactory(group=other_session.group).young_person
        errors = refused(
            services.view_record,
            actor=partner_worker,
            text="x",
            session=session,
            young_people=[stranger],
        )
        assert "choose young people you can see" in errors["young_people"][0]
        errors = refused(
            services.view_record,
            actor=partner_worker,
            text="x",
            session=session,
            group=other_session.group,
        )
        assert errors["group"] == ["Choose a group you can see."]

    def test_the_session_and_organisation_must_be_on_the_register(self, officer):
        errors = refused(
            services.view_record, actor=officer, text="x", session="s", is_anonymous=True
        )
        assert errors["session"] == ["Choose a session that is in the participation log."]
        errors = refused(
            services.view_record, actor=officer, text="x", organisation="o", is_anonymous=True
        )
        assert errors["organisation"] == ["Choose an organisation that is on the register."]

    def test_not_in_the_future(self, officer, session):
        errors = refused(
            services.view_record,
            actor=officer,
            text="x",
            session=session,
            is_anonymous=True,
            recorded_on=datetime.date(2027, 1, 1),
        )
        assert errors["recorded_on"] == ["The date the view was given cannot be in the future."]

    def test_many_reports_a_refusal_without_a_field(self, officer, session, monkeypatch):
        def refuse(**kwargs):
            raise ValidationError("No.")

        monkeypatch.setattr(services.views, "view_record", refuse)
        errors = refused(
            services.views_record_many, actor=officer, session=session, entries=[{"text": "x"}]
        )
        assert errors["entries"] == ["View 1: No."]

    def test_many_entries_cannot_name_the_session(self, officer, session):
        with pytest.raises(TypeError):
            services.views_record_many(
                actor=officer, session=session, entries=[{"text": "x", "session": session}]
            )


def test_view_update_makes_anonymous_a_yes_or_no(officer, session):
    view = services.view_record(actor=None, text="x", session=session, is_anonymous=True)
    changed = services.view_update(actor=officer, view=view, is_anonymous=0, group=session.group)
    assert changed.is_anonymous is False and changed.group == session.group


class TestResponseRecord:
    def test_views_must_be_recorded(self, officer):
        errors = refused(
            services.response_record,
            actor=officer,
            views=["x"],
            decision_maker="x",
            outcome="changed",
            explanation="x",
            plain_language="x",
            date=RESPONSE_DAY,
        )
        assert errors["views"] == ["Choose views that have been recorded."]

    def test_an_explanation_is_needed(self, officer, view):
        errors = refused(
            services.response_record,
            actor=officer,
            views=[view],
            decision_maker="x",
            outcome="changed",
            explanation="  ",
            plain_language="x",
            date=datetime.date(2027, 1, 1),
        )
        assert errors["explanation"] == ["Enter what changed, or what is being considered."]
        assert errors["date"] == ["The date of the response cannot be in the future."]


class TestFeedbackRecord:
    def test_who_was_told_must_be_on_the_register(self, officer, response):
        errors = refused(
            services.feedback_record,
            actor=officer,
            response=response,
            date=RESPONSE_DAY,
            channel="letter",
            young_people=["x"],
            groups=["y"],
            notes="n" * 5001,
        )
        assert errors["young_people"] == ["Choose young people who are on the register."]
        assert errors["groups"] == ["Choose groups that are on the register."]
        assert errors["notes"] == ["Keep the notes to 5,000 characters or fewer."]


class TestRatingGive:
    def test_only_a_young_person_on_the_register(self, response):
        with pytest.raises(PermissionDenied):
            services.rating_give(young_person="x", response=response, value="helpful")

    def test_a_comment_is_short(self, officer, response, group, members):
        services.feedback_record(
            actor=officer, response=response, date=RESPONSE_DAY, channel="letter", groups=[group]
        )
        errors = refused(
            services.rating_give,
            young_person=members[0],
            response=response,
            value="helpful",
            comment="c" * 2001,
        )
        assert errors == {"comment": ["Keep your comment to 2,000 characters or fewer."]}


class TestEvidenceAttach:
    def test_a_file_is_needed(self, officer, view):
        errors = refused(services.evidence_attach, actor=officer, view=view, file=None)
        assert errors == {"file": ["Choose a file to upload."]}

    def test_a_file_without_a_size_is_measured_and_the_description_is_short(self, officer, view):
        file = io.BytesIO(b"\x89PNG\r\n\x1a\nrest")
        file.name = "drawing.png"
        errors = refused(
            services.evidence_attach, actor=officer, view=view, file=file, description="d" * 201
        )
        assert errors == {"description": ["Keep the description to 200 characters or fewer."]}

    def test_a_text_file_is_not_sniffed(self):
        assert services.sniff_content_type(io.StringIO("plain text")) is None
        assert not _is_docx(io.BytesIO(b"PK\x03\x04 not a zip"))

    def test_an_upload_names_its_view(self, officer, view):
        upload = SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\nrest", content_type="image/png")
        evidence = services.evidence_attach(actor=officer, view=view, file=upload)
        assert evidence.view == view and View.objects.get(pk=view.pk).recorded_on == SESSION_DAY


def test_a_signed_out_visitor_sees_no_loop_figures(view):
    from django.contrib.auth.models import AnonymousUser

    from heard.voice import selectors

    assert selectors.loop_figures(user=AnonymousUser())["views_recorded"] == 0
    assert selectors.loop_figures(user=None)["views_recorded"] == 1
