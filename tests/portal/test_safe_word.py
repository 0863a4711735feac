"""The safe word in the portal: from any page a signed-in young person asks for help; a concern is
raised at once and the leads are emailed; the next page says what happens next and who to call.
The portal never shows the concern back, and only safeguarding leads can read it, on the staff
pages or the API."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from heard.core.models import AuditEntry
from heard.core.roles import Role
from heard.safeguarding.models import Concern
from tests import factories

HELP = reverse("portal:help")
SENT = reverse("portal:help-sent")
WORDS = "WORDS-SECRET: my stepdad Kevin hurts me"
TOKEN = "abcdefghijklmnopqrstuvwxyz012345"
MARKUP = '<script>alert("x")</script>=HYPERLINK("http://evil.example")'


@pytest.fixture
def amara(world):
    return world.amara


@pytest.fixture
def signed_in(portal_client, amara):
    return portal_client(amara)


@pytest.fixture
def leads(db):
    return [
        factories.UserFactory(role=Role.SAFEGUARDING_LEAD, email="lead@example.org"),
        factories.UserFactory(role=Role.SAFEGUARDING_LEAD, email="deputy@example.org"),
    ]


def press(client, **data):
    data.setdefault("token", TOKEN)
    return client.post(HELP, data)


class TestAskingForHelp:
    def test_every_portal_page_has_the_button(self, signed_in):
        for name in ("portal:home", "portal:sessions", "portal:how-it-went", "portal:help"):
            html = signed_in.get(reverse(name)).content.decode()
            assert f'href="{HELP}"' in html, name
            assert "I don't feel safe or I need to talk to someone" in html

    def test_without_signing_in_it_goes_to_the_portal_sign_in(self, client, db):
        for url in (HELP, SENT):
            assert client.get(url).url == reverse("portal:sign-in")
        assert client.post(HELP, {"token": TOKEN}).url == reverse("portal:sign-in")
        assert not Concern.objects.exists()

    def test_a_staff_login_is_not_a_portal_sign_in(self, client_for, officer):
        assert client_for(officer).get(HELP).url == reverse("portal:sign-in")

    def test_the_page_offers_one_button_childline_and_999_and_is_not_cached(self, signed_in):
        answer = signed_in.get(HELP)
        html = answer.content.decode()
        assert answer.status_code == 200
        assert "no-cache" in answer["Cache-Control"] and "no-store" in answer["Cache-Control"]
        assert "Ask for help now" in html and "0800 1111" in html and "999" in html
        assert 'class="govuk-exit-this-page"' in html and "https://www.bbc.co.uk/weather" in html
        token = re.search(r'name="token" value="([^"]+)"', html).group(1)
        assert len(token) >= 20
        assert token != re.search(
            r'name="token" value="([^"]+)"', signed_in.get(HELP).content.decode()
        ).group(1)

    def test_one_press_raises_a_concern_and_says_what_happens_next(
        self, signed_in, amara, leads, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            answer = press(signed_in, words=WORDS, how_to_contact="phone")
        assert answer.status_code == 302 and answer.url == SENT
        concern = Concern.objects.get()
        assert (concern.young_person, concern.source) == (amara, Concern.Source.PORTAL)
        assert concern.what_happened == WORDS and concern.how_to_contact == "phone"
        assert len(mail.outbox) == 2
        for message in mail.outbox:
            text = message.subject + message.body
            assert concern.reference in text
            assert (
                "http://testserver" + reverse("safeguarding:concern-detail", args=[concern.pk])
                in message.body
            )
            for secret in ("Kevin", "WORDS-SECRET", "Amara", "Okafor", amara.reference):
                assert secret not in text
        sent = signed_in.get(SENT)
        html = sent.content.decode()
        assert sent.status_code == 200 and "no-store" in sent["Cache-Control"]
        assert "safeguarding lead" in html and "0800 1111" in html and "999" in html
        assert "Exit this page" in html
        assert "WORDS-SECRET" not in html and "Kevin" not in html
        assert concern.reference not in html and "phone call" not in html.lower()

    def test_the_button_alone_is_enough(self, signed_in, leads):
        assert press(signed_in).url == SENT
        assert Concern.objects.get().what_happened.startswith("The young person pressed")

    def test_a_double_press_or_a_resend_raises_one_concern(self, signed_in, leads):
        press(signed_in, words=WORDS)
        press(signed_in, words=WORDS)
        assert Concern.objects.count() == 1
        assert AuditEntry.objects.filter(object_type="safeguarding.concern").count() == 1

    def test_the_portal_never_shows_the_concern_back(self, signed_in, leads):
        press(signed_in, words=WORDS)
        concern = Concern.objects.get()
        for url in (
            reverse("portal:home"),
            reverse("portal:sessions"),
            reverse("portal:how-it-went"),
            HELP,
            SENT,
        ):
            html = signed_in.get(url).content.decode()
            assert "WORDS-SECRET" not in html and concern.reference not in html, url
        staff_pages = [
            reverse("safeguarding:concern-list"),
            reverse("safeguarding:concern-detail", args=[concern.pk]),
        ]
        for url in staff_pages:  # the portal session is no staff login
            assert signed_in.get(url).status_code == 302

    def test_the_sent_page_is_only_for_who_just_asked(self, signed_in, portal_client, world, leads):
        assert signed_in.get(SENT).url == HELP
        press(signed_in)
        ben = portal_client(world.ben)
        assert ben.get(SENT).url == HELP

    def test_the_sent_page_expires_with_the_portal_session_length(self, signed_in, leads):
        press(signed_in)
        session = signed_in.session
        session["heard_portal_help_sent"]["at"] -= 3 * 60 * 60
        session.save()
        assert signed_in.get(SENT).url == HELP

    def test_words_too_long_are_refused_and_kept_on_the_form(self, signed_in, leads):
        long_words = "WORDS-LONG " * 600
        answer = press(signed_in, words=long_words)
        html = answer.content.decode()
        assert answer.status_code == 200 and not Concern.objects.exists()
        assert "That is too long to send" in html and "govuk-error-summary" in html
        assert "WORDS-LONG WORDS-LONG" in html
        assert TOKEN in html

    def test_an_unknown_contact_choice_is_refused_clearly(self, signed_in, leads):
        answer = press(signed_in, how_to_contact="pigeon")
        assert "Choose how you would like us to get in touch" in answer.content.decode()
        assert not Concern.objects.exists()

    def test_a_service_refusal_shows_on_the_form(self, signed_in, leads, monkeypatch):
        from django.core.exceptions import ValidationError

        from heard.safeguarding import services

        def refuse(**kwargs):
            raise ValidationError({"how_to_contact": "Not now."})

        monkeypatch.setattr(services, "concern_raise_from_portal", refuse)
        answer = press(signed_in, words=WORDS)
        assert answer.status_code == 200 and "Not now." in answer.content.decode()

    def test_put_is_not_allowed(self, signed_in):
        assert signed_in.put(HELP).status_code == 405
        assert signed_in.post(SENT).status_code == 405


NOT_LEADS = [role for role in Role.values if role != Role.SAFEGUARDING_LEAD]


class TestOnlySafeguardingLeadsReadIt:
    @pytest.fixture
    def concern(self, signed_in, leads):
        press(signed_in, words=MARKUP, how_to_contact="text")
        return Concern.objects.get()

    @pytest.mark.parametrize("role", NOT_LEADS)
    def test_every_other_role_gets_403_on_the_pages_and_the_api(
        self, role, concern, client_for, api_for, organisation
    ):
        user = factories.UserFactory(
            role=role, organisation=organisation if role == Role.PARTNER_WORKER else None
        )
        client = client_for(user)
        for name in ("detail", "assign", "decide", "close"):
            url = reverse(f"safeguarding:concern-{name}", args=[concern.pk])
            assert client.get(url).status_code == 403, url
        assert client.get(reverse("safeguarding:concern-list")).status_code == 403
        api = api_for(user)
        assert api.get("/api/v1/safeguarding-concerns/").status_code == 403
        detail = api.get(f"/api/v1/safeguarding-concerns/{concern.pk}/")
        assert detail.status_code in (403, 404)
        assert "HYPERLINK" not in detail.content.decode()

    def test_a_lead_reads_it_first_marked_urgent_escaped_and_audited(
        self, concern, client_for, leads, officer
    ):
        from heard.safeguarding import services

        older = services.concern_raise(
            actor=officer,
            what_happened="A staff worry.",
            happened_at=concern.created_at,
            who_was_present="Me.",
            immediate_action="Listened.",
            child_told="That I would tell the lead.",
        )
        client = client_for(leads[0])
        html = client.get(reverse("safeguarding:concern-list")).content.decode()
        assert html.index(concern.reference) < html.index(older.reference)
        assert "Urgent" in html
        detail = client.get(reverse("safeguarding:concern-detail", args=[concern.pk]))
        html = detail.content.decode()
        assert '<script>alert("x")</script>' not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
        assert "The young person, in the portal" in html and "A text message" in html
        assert "asked for help themselves" in html
        assert AuditEntry.objects.filter(
            object_id=str(concern.pk), action=AuditEntry.Action.READ, actor=leads[0]
        ).exists()

    def test_a_lead_reads_it_over_the_api_with_its_source(self, concern, api_for, leads):
        api = api_for(leads[0])
        rows = api.get("/api/v1/safeguarding-concerns/").json()["results"]
        assert rows[0]["reference"] == concern.reference
        assert rows[0]["source"] == "portal" and rows[0]["urgent"] is True
        assert rows[0]["raised_by"] is None and rows[0]["how_to_contact"] == "text"
        assert rows[0]["what_happened"] == MARKUP

    def test_the_csv_export_marks_it_urgent_and_portal_raised(self, concern, client_for, leads):
        answer = client_for(leads[0]).get(reverse("safeguarding:concern-list") + "?format=csv")
        text = b"".join(answer.streaming_content).decode()
        assert concern.reference in text and ",Yes,A young person asked for help" in text
