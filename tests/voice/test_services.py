import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from heard.core.models import AuditEntry
from heard.voice import services
from heard.voice.models import Evidence, Feedback, Rating, Response, View
from tests import factories
from tests.voice.conftest import SESSION_DAY

RESPONSE_DAY = datetime.date(2026, 10, 20)
FEEDBACK_DAY = datetime.date(2026, 11, 2)


def audit_for(obj):
    return list(AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)))


def respond(actor, views, **kwargs):
    values = {
        "decision_maker": "Head of Youth Services",
        "outcome": Response.Outcome.CHANGED,
        "explanation": "The club now opens on Saturdays.",
        "plain_language": "The club is open on Saturdays now.",
        "date": RESPONSE_DAY,
    }
    values.update(kwargs)
    return services.response_record(actor=actor, views=views, **values)


class TestViewRecord:
    def test_records_from_a_session_with_audit(
        self, officer, session, members, theme, give_consent
    ):
        for person in members[:2]:
            give_consent(person, "publishing")
        view = services.view_record(
            actor=officer,
            text="  The bus is too expensive.  ",
            kind=View.Kind.RECOMMENDATION,
            session=session,
            themes=[theme],
            young_people=members[:2],
            consent=View.Consent.PUBLISH,
        )
        assert view.text == "The bus is too expensive."
        assert view.organisation == session.organisation
        assert view.recorded_on == SESSION_DAY
        assert view.status == View.Status.OPEN
        assert view.recorded_by == officer
        assert set(view.young_people.all()) == set(members[:2])
        (entry,) = audit_for(view)
        assert entry.action == AuditEntry.Action.CREATE
        assert entry.actor == officer
        assert entry.changes["themes"] == [None, [theme.pk]]
        assert entry.changes["consent"] == [None, "publish"]

    def test_whole_group_or_anonymous(self, officer, session, group):
        by_group = services.view_record(
            actor=officer, text="More trips", session=session, group=group
        )
        assert by_group.group == group
        anonymous = services.view_record(
            actor=officer, text="I feel unsafe at the bus stop", session=session, is_anonymous=True
        )
        assert anonymous.is_anonymous

    def test_must_say_who_gave_it(self, officer, session):
        with pytest.raises(ValidationError) as excinfo:
            services.view_record(actor=officer, text="Hello", session=session)
        assert "Say who gave the view" in str(excinfo.value.message_dict["young_people"])
        assert not View.objects.exists()

    def test_anonymous_and_named_refused(self, officer, session, members):
        with pytest.raises(ValidationError) as excinfo:
            services.view_record(
                actor=officer, text="x", session=session, young_people=members, is_anonymous=True
            )
        assert "young_people" in excinfo.value.message_dict

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"text": ""}, "text"),
            ({"text": "x" * 10_001}, "text"),
            ({"kind": "shout"}, "kind"),
            ({"consent": "everyone"}, "consent"),
            ({"recorded_on": datetime.date(2027, 1, 1)}, "recorded_on"),
            ({"recorded_on": "not a date"}, "recorded_on"),
            ({"themes": ["Mental health"]}, "themes"),
        ],
    )
    def test_bad_input_is_refused_clearly(self, officer, session, group, kwargs, field):
        values = {"text": "More trips", "session": session, "group": group} | kwargs
        with pytest.raises(ValidationError) as excinfo:
            services.view_record(actor=officer, **values)
        assert field in excinfo.value.message_dict
        assert not View.objects.exists()

    def test_without_a_session_needs_an_organisation(self, officer, organisation):
        with pytest.raises(ValidationError) as excinfo:
            services.view_record(actor=officer, text="x", is_anonymous=True)
        assert "organisation" in excinfo.value.message_dict
        view = services.view_record(
            actor=officer, text="x", is_anonymous=True, organisation=organisation
        )
        assert view.recorded_on == datetime.date(2026, 11, 20)

    def test_partner_worker_only_for_own_organisation(
        self, partner_worker, session, other_session, group
    ):
        services.view_record(actor=partner_worker, text="ok", session=session, group=group)
        with pytest.raises(PermissionDenied):
            services.view_record(
                actor=partner_worker, text="no", session=other_session, is_anonymous=True
            )

    def test_theme_lead_for_sessions_they_may_change(self, theme_lead, session, other_session):
        services.view_record(actor=theme_lead, text="ok", session=session, is_anonymous=True)
        with pytest.raises(PermissionDenied):
            services.view_record(
                actor=theme_lead, text="no", session=other_session, is_anonymous=True
            )

    @pytest.mark.parametrize("role", ["board_member", "safeguarding_lead"])
    def test_readers_cannot_record(self, request, role, session):
        with pytest.raises(PermissionDenied):
            services.view_record(
                actor=request.getfixturevalue(role), text="x", session=session, is_anonymous=True
            )


class TestViewsRecordMany:
    def test_all_or_nothing(self, officer, session, members, group):
        entries = [
            {"text": "One", "young_people": [members[0]]},
            {"text": "", "group": group},
            {"text": "Three", "kind": "nonsense", "group": group},
        ]
        with pytest.raises(ValidationError) as excinfo:
            services.views_record_many(actor=officer, session=session, entries=entries)
        messages = excinfo.value.message_dict["entries"]
        assert any(m.startswith("View 2:") for m in messages)
        assert any(m.startswith("View 3:") for m in messages)
        assert set(excinfo.value.entry_errors) == {1, 2}
        assert not View.objects.exists()
        assert not AuditEntry.objects.filter(object_type="voice.view").exists()

    def test_records_several(self, officer, session, members, group):
        views = services.views_record_many(
            actor=officer,
            session=session,
            entries=[
                {"text": "One", "young_people": [members[0]]},
                {"text": "Two", "group": group},
                {"text": "Three", "is_anonymous": True},
            ],
        )
        assert [v.text for v in views] == ["One", "Two", "Three"]
        assert all(v.session == session for v in views)

    def test_empty_refused(self, officer, session):
        with pytest.raises(ValidationError):
            services.views_record_many(actor=officer, session=session, entries=[])


class TestViewUpdate:
    def test_changes_and_audits(self, officer, session, group, theme):
        view = services.view_record(actor=officer, text="x", session=session, group=group)
        services.view_update(actor=officer, view=view, text="Changed", themes=[theme])
        view.refresh_from_db()
        assert view.text == "Changed"
        update = [e for e in audit_for(view) if e.action == AuditEntry.Action.UPDATE][0]
        assert update.changes["text"] == ["x", "Changed"]
        assert update.changes["themes"] == [[], [theme.pk]]

    def test_cannot_change_status(self, officer, session, group):
        view = services.view_record(actor=officer, text="x", session=session, group=group)
        with pytest.raises(TypeError):
            services.view_update(actor=officer, view=view, status=View.Status.RATED)

    def test_partner_worker_cannot_change_other_organisations(
        self, partner_worker, officer, other_session
    ):
        view = services.view_record(
            actor=officer, text="x", session=other_session, is_anonymous=True
        )
        with pytest.raises(PermissionDenied):
            services.view_update(actor=partner_worker, view=view, text="mine")


class TestLoop:
    @pytest.fixture
    def views(self, officer, session, members, group, theme):
        return [
            services.view_record(
                actor=officer,
                text=f"View {i}",
                session=session,
                group=group,
                themes=[theme],
                young_people=[members[i]],
            )
            for i in range(3)
        ]

    def test_open_responded_fed_back_rated(self, officer, views, group, members):
        response = respond(officer, views[:2])
        assert set(response.views.all()) == set(views[:2])
        for view in views[:2]:
            view.refresh_from_db()
            assert view.status == View.Status.RESPONDED
            assert view.responded_on == RESPONSE_DAY
        views[2].refresh_from_db()
        assert views[2].status == View.Status.OPEN
        assert response.readability_warning is None

        feedback = services.feedback_record(
            actor=officer,
            response=response,
            date=FEEDBACK_DAY,
            channel="in_person",
            groups=[group],
        )
        assert feedback.given_by == officer
        for view in views[:2]:
            view.refresh_from_db()
            assert (view.status, view.fed_back_on) == (View.Status.FED_BACK, FEEDBACK_DAY)

        rating = services.rating_give(
            young_person=members[0], response=response, value=Rating.Value.HELPFUL
        )
        views[0].refresh_from_db()
        assert views[0].status == View.Status.RATED
        # The group's members rate the group's views: both views belong to the group.
        assert rating.value == "helpful"
        again = services.rating_give(
            young_person=members[0], response=response, value="not_sure", comment="Hmm"
        )
        assert again.pk == rating.pk
        assert Rating.objects.get().value == "not_sure"
        entries = audit_for(rating)
        assert [e.action for e in entries] == ["update", "create"]
        assert all(e.actor is None for e in entries)

    def test_every_step_is_audited(self, officer, views, group):
        response = respond(officer, views[:1])
        assert audit_for(response)[0].changes["views"] == [None, [views[0].pk]]
        moved = [e for e in audit_for(views[0]) if e.action == "update"]
        assert moved[0].changes["status"] == ["open", "responded"]
        feedback = services.feedback_record(
            actor=officer, response=response, date=FEEDBACK_DAY, channel="letter", groups=[group]
        )
        assert audit_for(feedback)[0].changes["groups"] == [None, [group.pk]]
        assert audit_for(views[0])[0].changes["status"] == ["responded", "fed_back"]

    def test_not_possible_without_a_reason_is_refused(self, officer, views):
        with pytest.raises(ValidationError) as excinfo:
            respond(officer, views[:1], outcome="not_possible", explanation="   ")
        assert "tell them why" in excinfo.value.message_dict["explanation"][0]
        assert not Response.objects.exists()
        views[0].refresh_from_db()
        assert views[0].status == View.Status.OPEN

    def test_not_possible_with_reason(self, officer, views):
        response = respond(
            officer, views[:1], outcome="not_possible", explanation="There is no budget this year."
        )
        assert response.outcome == "not_possible"

    def test_only_open_views(self, officer, views):
        respond(officer, views[:1])
        with pytest.raises(ValidationError) as excinfo:
            respond(officer, views[:2])
        assert "already have one" in excinfo.value.message_dict["views"][0]
        assert Response.objects.count() == 1

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"decision_maker": ""}, "decision_maker"),
            ({"outcome": "maybe"}, "outcome"),
            ({"plain_language": ""}, "plain_language"),
            ({"date": datetime.date(2026, 9, 1)}, "date"),
            ({"date": datetime.date(2027, 1, 1)}, "date"),
            ({"evidence_link": "not a url"}, "evidence_link"),
        ],
    )
    def test_bad_response_input(self, officer, views, kwargs, field):
        with pytest.raises(ValidationError) as excinfo:
            respond(officer, views[:1], **kwargs)
        assert field in excinfo.value.message_dict
        assert not Response.objects.exists()

    def test_no_views(self, officer):
        with pytest.raises(ValidationError) as excinfo:
            respond(officer, [])
        assert "views" in excinfo.value.message_dict

    def test_readability_warning(self, officer, views):
        response = respond(
            officer,
            views[:1],
            plain_language=(
                "Following comprehensive consultation, the commissioning organisation "
                "substantially reconfigured transportation arrangements."
            ),
        )
        assert "reading age of about" in response.readability_warning

    def test_theme_lead_responds_only_to_views_of_their_themes(
        self, theme_lead, officer, views, other_session, other_theme
    ):
        respond(theme_lead, views[:1])
        elsewhere = services.view_record(
            actor=officer,
            text="x",
            session=other_session,
            is_anonymous=True,
            themes=[other_theme],
        )
        with pytest.raises(PermissionDenied):
            respond(theme_lead, [elsewhere])

    def test_partner_worker_cannot_respond(self, partner_worker, views):
        with pytest.raises(PermissionDenied):
            respond(partner_worker, views[:1])

    def test_feedback_only_to_those_who_gave_the_views(self, officer, views, members):
        response = respond(officer, views[:1])
        stranger = factories.YoungPersonFactory()
        other_group = factories.GroupFactory()
        with pytest.raises(ValidationError) as excinfo:
            services.feedback_record(
                actor=officer,
                response=response,
                date=FEEDBACK_DAY,
                channel="letter",
                young_people=[stranger],
                groups=[other_group],
            )
        assert set(excinfo.value.message_dict) == {"young_people", "groups"}
        with pytest.raises(ValidationError) as excinfo:
            services.feedback_record(
                actor=officer, response=response, date=FEEDBACK_DAY, channel="letter"
            )
        assert "Choose who was told" in excinfo.value.message_dict["young_people"][0]
        with pytest.raises(ValidationError) as excinfo:
            services.feedback_record(
                actor=officer,
                response=response,
                date=RESPONSE_DAY - datetime.timedelta(days=1),
                channel="pigeon",
                young_people=[members[0]],
            )
        assert set(excinfo.value.message_dict) == {"date", "channel"}
        assert not Feedback.objects.exists()

    def test_partner_worker_records_feedback_for_own_organisation(
        self, partner_worker, officer, views, members
    ):
        response = respond(officer, views[:1])
        services.feedback_record(
            actor=partner_worker,
            response=response,
            date=FEEDBACK_DAY,
            channel="via_partner",
            young_people=[members[0]],
        )

    def test_rating_refused_before_feedback_and_for_strangers(self, officer, views, members):
        response = respond(officer, views[:1])
        with pytest.raises(ValidationError):
            services.rating_give(young_person=members[0], response=response, value="helpful")
        stranger = factories.YoungPersonFactory()
        with pytest.raises(PermissionDenied):
            services.rating_give(young_person=stranger, response=response, value="helpful")
        services.feedback_record(
            actor=officer,
            response=response,
            date=FEEDBACK_DAY,
            channel="letter",
            young_people=[members[0]],
        )
        with pytest.raises(ValidationError) as excinfo:
            services.rating_give(young_person=members[0], response=response, value="great")
        assert "value" in excinfo.value.message_dict
        assert not Rating.objects.exists()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PDF = b"%PDF-1.7\n" + b"x" * 32


class TestEvidence:
    @pytest.fixture
    def view(self, officer, session, group):
        return services.view_record(actor=officer, text="x", session=session, group=group)

    def test_attaches_a_png(self, officer, view, settings):
        evidence = services.evidence_attach(
            actor=officer,
            view=view,
            file=SimpleUploadedFile("drawing.png", PNG),
            description="A drawing",
        )
        assert (evidence.kind, evidence.content_type, evidence.size) == ("image", "image/png", 40)
        assert evidence.file.path.startswith(str(settings.MEDIA_ROOT))
        assert "drawing" not in evidence.file.name
        assert audit_for(evidence)[0].metadata == {"original_name": "drawing.png"}

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("drawing.png", b"MZ\x90\x00 an executable", "must be a photo"),
            ("report.pdf", PNG, "rename it to end .png"),
            ("empty.pdf", b"", "empty"),
        ],
    )
    def test_refuses_by_content(self, officer, view, name, content, message):
        with pytest.raises(ValidationError) as excinfo:
            services.evidence_attach(
                actor=officer, view=view, file=SimpleUploadedFile(name, content)
            )
        assert message in excinfo.value.message_dict["file"][0]
        assert not Evidence.objects.exists()

    def test_refuses_over_10_mb(self, officer, view):
        big = SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024))
        with pytest.raises(ValidationError) as excinfo:
            services.evidence_attach(actor=officer, view=view, file=big)
        assert "10 MB" in excinfo.value.message_dict["file"][0]

    def test_sniffs_each_allowed_type(self, tmp_path):
        import io
        import zipfile

        docx = io.BytesIO()
        with zipfile.ZipFile(docx, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", "<w:document/>")
        samples = {
            "image/jpeg": b"\xff\xd8\xff\xe0" + b"0" * 12,
            "image/png": PNG,
            "audio/mpeg": b"ID3\x04" + b"0" * 12,
            "audio/mp4": b"\x00\x00\x00\x20ftypM4A " + b"0" * 4,
            "audio/wav": b"RIFF\x00\x00\x00\x00WAVEfmt ",
            "application/pdf": PDF,
            services.evidence.DOCX: docx.getvalue(),
        }
        for content_type, data in samples.items():
            assert services.sniff_content_type(io.BytesIO(data)) == content_type
        plain_zip = io.BytesIO()
        with zipfile.ZipFile(plain_zip, "w") as archive:
            archive.writestr("a.txt", "x")
        assert services.sniff_content_type(plain_zip) is None

    def test_partner_worker_cannot_attach_to_other_organisations(
        self, partner_worker, officer, other_session
    ):
        view = services.view_record(
            actor=officer, text="x", session=other_session, is_anonymous=True
        )
        with pytest.raises(PermissionDenied):
            services.evidence_attach(
                actor=partner_worker, view=view, file=SimpleUploadedFile("a.png", PNG)
            )
