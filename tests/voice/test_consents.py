"""Consent decides how a view may be used: quotes and publishing need the consent of the young
people named on it, and image evidence is withheld while anyone who gave the view lacks a current
consent to photographs (never given or withdrawn), at once, on the view's page and its download."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from heard.core.models import AuditEntry
from heard.privacy import selectors as privacy_selectors
from heard.privacy.models import Consent
from heard.voice import consents, selectors, services
from heard.voice.models import View
from tests import factories
from tests.voice.conftest import SESSION_DAY

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
WITHDRAWN = "Photo withheld: consent for photographs was withdrawn"
NOT_GIVEN = "Photo withheld: consent for photographs was not given"


def named_view(session, people, **kwargs):
    return factories.ViewFactory(session=session, young_people=list(people), **kwargs)


def image(view, **kwargs):
    return factories.EvidenceFactory(view=view, description="Drawing of the new park", **kwargs)


def withheld(user, evidence):
    return selectors.evidence_get(user, evidence.pk).photo_withheld


def test_the_purposes_are_privacys():
    assert consents.purpose_for_use(View.Consent.PUBLISH) == Consent.Purpose.PUBLISHING
    assert consents.purpose_for_use(View.Consent.QUOTE_ANONYMOUSLY) == Consent.Purpose.QUOTES
    assert consents.purpose_for_use(View.Consent.QUOTE_FIRST_NAME) == Consent.Purpose.QUOTES
    assert consents.purpose_for_use(View.Consent.INTERNAL) is None


# Photographs ---------------------------------------------------------------------------------


class TestPhotosWithheld:
    def test_named_view_never_given_given_then_withdrawn_at_once(
        self, officer, session, members, give_consent, withdraw_consent
    ):
        view = named_view(session, members[:2])
        photo = image(view)
        assert withheld(officer, photo) == "not_given"
        (first,) = give_consent(members[0], "photographs")
        assert withheld(officer, photo) == "not_given"  # the second has not given it
        give_consent(members[1], "photographs")
        assert withheld(officer, photo) == ""
        withdraw_consent(first, actor=officer)
        assert withheld(officer, photo) == "withdrawn"
        entry = AuditEntry.objects.get(
            object_type="privacy.consent", object_id=str(first.pk), action="update"
        )
        assert entry.actor == officer and entry.changes["withdrawn_on"][1] == "2026-11-20"
        assert view.pk in set(
            privacy_selectors.photos_withheld_view_ids().values_list("pk", flat=True)
        )
        give_consent(members[0], "photographs")  # a new consent shows it again
        assert withheld(officer, photo) == ""
        assert view.pk not in set(
            privacy_selectors.photos_withheld_view_ids().values_list("pk", flat=True)
        )

    def test_only_images_are_withheld(self, officer, session, members):
        view = named_view(session, members[:1])
        document = factories.EvidenceFactory(
            view=view, kind="document", content_type="application/pdf"
        )
        assert withheld(officer, image(view)) == "not_given"
        assert withheld(officer, document) == ""

    def test_whole_group_view_counts_the_members_on_the_day(
        self, officer, session, group, members, give_consent
    ):
        view = factories.ViewFactory(session=session, group=group)  # nobody named
        photo = image(view)
        for person in members[:2]:
            give_consent(person, "photographs")
        assert withheld(officer, photo) == "not_given"  # the third member
        give_consent(members[2], "photographs")
        assert withheld(officer, photo) == ""
        # Who left before the day, or joined after it, was not there: their consent does not count.
        factories.MembershipFactory(
            group=group, joined_on=datetime.date(2026, 4, 1), left_on=datetime.date(2026, 9, 1)
        )
        factories.MembershipFactory(group=group, joined_on=SESSION_DAY + datetime.timedelta(days=1))
        assert withheld(officer, photo) == ""
        factories.MembershipFactory(group=group, joined_on=SESSION_DAY)  # there that day
        assert withheld(officer, photo) == "not_given"

    def test_a_withdrawal_by_a_group_member_withholds_the_group_photo(
        self, officer, session, group, members, give_consent, withdraw_consent
    ):
        given = [give_consent(person, "photographs")[0] for person in members]
        photo = image(factories.ViewFactory(session=session, group=group, is_anonymous=True))
        assert withheld(officer, photo) == ""
        withdraw_consent(given[1])
        assert withheld(officer, photo) == "withdrawn"

    def test_anonymous_view_with_nobody_to_ask_is_withheld(self, officer, session):
        view = factories.ViewFactory(session=session, group=None, is_anonymous=True)
        assert withheld(officer, image(view)) == "not_given"

    def test_withdrawn_wins_over_not_given_in_the_message(
        self, officer, session, members, give_consent, withdraw_consent
    ):
        photo = image(named_view(session, members[:2]))
        withdraw_consent(give_consent(members[0], "photographs")[0])
        assert withheld(officer, photo) == "withdrawn"
        assert consents.withheld_message(selectors.evidence_get(officer, photo.pk)) == WITHDRAWN


class TestPhotosWithheldOnPages:
    def test_view_page_and_download(
        self, client_for, officer, session, members, give_consent, withdraw_consent
    ):
        view = named_view(session, members[:1])
        photo = image(view)
        (given,) = give_consent(members[0], "photographs")
        client = client_for(officer)
        page = client.get(reverse("voice:view-detail", args=[view.pk])).content.decode()
        download_url = reverse("voice:evidence-download", args=[photo.pk])
        assert download_url in page and "Drawing of the new park" in page
        assert client.get(download_url).status_code == 200

        withdraw_consent(given, actor=officer)  # takes effect on the very next request
        page = client.get(reverse("voice:view-detail", args=[view.pk])).content.decode()
        assert WITHDRAWN in page
        assert download_url not in page and "Drawing of the new park" not in page
        refused = client.get(download_url)
        assert refused.status_code == 403
        assert WITHDRAWN in refused.content.decode()
        assert PNG[:4] not in refused.content
        assert refused["Cache-Control"] == "private, no-store"

    def test_uploading_a_photo_nobody_may_see_warns_at_once(
        self, client_for, officer, session, members
    ):
        from django.core.files.uploadedfile import SimpleUploadedFile

        view = named_view(session, members[:1])
        page = client_for(officer).post(
            reverse("voice:evidence-add", args=[view.pk]),
            {"file": SimpleUploadedFile("drawing.png", PNG), "description": "Drawing"},
            follow=True,
        )
        text = page.content.decode()
        assert "Evidence added." in text
        assert f"{NOT_GIVEN} for someone who gave this view, so the photo is not shown" in text
        assert view.evidence.get().kind == "image"

    def test_never_given_says_so(self, client_for, officer, session, members):
        view = named_view(session, members[:1])
        image(view)
        page = client_for(officer).get(reverse("voice:view-detail", args=[view.pk]))
        assert NOT_GIVEN in page.content.decode()

    def test_view_page_query_count_does_not_grow_with_evidence(
        self, client_for, officer, session, members, give_consent, count_queries
    ):
        give_consent(members[0], "photographs")
        view = named_view(session, members)
        image(view)
        client = client_for(officer)
        url = reverse("voice:view-detail", args=[view.pk])
        client.get(url)
        one, _ = count_queries(lambda: client.get(url))
        for _ in range(4):
            image(view)
        factories.EvidenceFactory(view=view, kind="document", content_type="application/pdf")
        many, response = count_queries(lambda: client.get(url))
        assert many == one
        assert response.content.decode().count(NOT_GIVEN) == 5


# Quotes and publishing ---------------------------------------------------------------------------


class TestQuotesAndPublishingNeedConsent:
    @pytest.mark.parametrize(
        ("use", "needs", "other"),
        [
            ("quote_anonymously", "quotes", "publishing"),
            ("quote_first_name", "quotes", "publishing"),
            ("publish", "publishing", "quotes"),
        ],
    )
    def test_recording_needs_the_matching_consent(
        self, officer, session, members, give_consent, use, needs, other
    ):
        give_consent(members[0], other)  # the other consent is not enough
        with pytest.raises(ValidationError) as excinfo:
            services.view_record(
                actor=officer,
                text="More buses",
                session=session,
                young_people=members[:1],
                consent=use,
            )
        (message,) = excinfo.value.message_dict["consent"]
        assert members[0].reference in message and f"no current consent to {needs}" in message
        assert not View.objects.exists()
        assert not AuditEntry.objects.filter(object_type="voice.view").exists()
        give_consent(members[0], needs)
        view = services.view_record(
            actor=officer,
            text="More buses",
            session=session,
            young_people=members[:1],
            consent=use,
        )
        assert view.consent == use

    def test_a_withdrawn_consent_is_no_consent_and_everyone_named_needs_one(
        self, officer, session, members, give_consent, withdraw_consent
    ):
        give_consent(members[0], "quotes")
        withdraw_consent(give_consent(members[1], "quotes")[0])
        with pytest.raises(ValidationError) as excinfo:
            services.view_record(
                actor=officer,
                text="x",
                session=session,
                young_people=members,
                consent="quote_anonymously",
            )
        (message,) = excinfo.value.message_dict["consent"]
        assert members[0].reference not in message
        assert members[1].reference in message and members[2].reference in message

    def test_anonymous_and_whole_group_views(self, officer, session, group):
        for use in ("internal", "quote_anonymously", "publish"):
            services.view_record(actor=officer, text=use, session=session, group=group, consent=use)
            services.view_record(
                actor=officer, text=use, session=session, is_anonymous=True, consent=use
            )
        for who in ({"group": group}, {"is_anonymous": True}):
            with pytest.raises(ValidationError) as excinfo:
                services.view_record(
                    actor=officer, text="x", session=session, consent="quote_first_name", **who
                )
            assert "no first name to quote" in excinfo.value.message_dict["consent"][0]

    def test_changing_how_it_is_used_or_who_gave_it(self, officer, session, members, give_consent):
        give_consent(members[0], "quotes")
        view = services.view_record(
            actor=officer,
            text="x",
            session=session,
            young_people=members[:1],
            consent="quote_anonymously",
        )
        with pytest.raises(ValidationError) as excinfo:
            services.view_update(actor=officer, view=view, consent="publish")
        assert "no current consent to publishing" in excinfo.value.message_dict["consent"][0]
        with pytest.raises(ValidationError) as excinfo:
            services.view_update(actor=officer, view=view, young_people=members[:2])
        assert members[1].reference in excinfo.value.message_dict["young_people"][0]
        view.refresh_from_db()
        assert view.consent == "quote_anonymously"
        assert list(view.young_people.all()) == members[:1]
        assert len(AuditEntry.objects.filter(object_type="voice.view")) == 1  # the create
        services.view_update(actor=officer, view=view, consent="internal", young_people=members)
        services.view_update(actor=officer, view=view, text="Only the text changes")

    def test_many_at_once_refuses_the_entry_and_keeps_nothing(
        self, officer, session, members, give_consent
    ):
        give_consent(members[0], "publishing")
        with pytest.raises(ValidationError) as excinfo:
            services.views_record_many(
                actor=officer,
                session=session,
                entries=[
                    {"text": "ok", "young_people": members[:1], "consent": "publish"},
                    {"text": "no", "young_people": members[1:2], "consent": "publish"},
                ],
            )
        assert excinfo.value.entry_errors[1]["consent"][0].startswith(members[1].reference)
        assert 0 not in excinfo.value.entry_errors
        assert not View.objects.exists()


class TestQuotesAndPublishingOnPages:
    def test_edit_form_shows_the_error_on_the_field(self, client_for, officer, session, members):
        view = services.view_record(
            actor=officer, text="x", session=session, young_people=members[:1]
        )
        response = client_for(officer).post(
            reverse("voice:view-edit", args=[view.pk]),
            {
                "text": "x",
                "kind": "view",
                "recorded_on": "2026-10-01",
                "consent": "publish",
            },
        )
        assert response.status_code == 200
        assert "no current consent to publishing" in str(response.context["form"].errors["consent"])
        assert "govuk-error-summary" in response.content.decode()
        view.refresh_from_db()
        assert view.consent == "internal"

    def test_session_form_shows_the_error(self, client_for, officer, session, members):
        from tests.voice.test_views import formset_data

        response = client_for(officer).post(
            reverse("voice:session-views-create", args=[session.pk]),
            formset_data(
                [{"text": "Publish me", "consent": "publish", "young_people": [members[0].pk]}]
            ),
        )
        assert response.status_code == 200
        assert "no current consent to publishing" in response.content.decode()
        assert not View.objects.exists()


def test_the_people_app_lists_the_consent_purposes_privacy_records():
    """Voice asks ``heard.people.consents`` (below voice) with the purposes privacy records."""
    from heard.people.consents import ConsentPurpose
    from heard.privacy.models import Consent

    assert ConsentPurpose.choices == Consent.Purpose.choices
