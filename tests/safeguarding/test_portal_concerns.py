"""A young person's safe word in the portal, as safeguarding sees it: the concern raised at once
by Heard (audited without its text), the leads emailed (a reference and a link, never a name or
the words), double presses and repeats raising one concern, and the leads' list putting it first,
marked urgent."""

import datetime
import json
import logging

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from heard.core.models import AuditEntry
from heard.core.roles import Role
from heard.safeguarding import selectors, services
from heard.safeguarding.models import Concern
from tests import factories

from .conftest import NOW

WORDS = "My mum's boyfriend Kevin shouts at me and I am scared to go home."
TOKEN = "t0k3n-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"


@pytest.fixture
def leads(db):
    return [
        factories.UserFactory(role=Role.SAFEGUARDING_LEAD, email="lead.one@example.org"),
        factories.UserFactory(role=Role.SAFEGUARDING_LEAD, email="lead.two@example.org"),
    ]


@pytest.fixture
def amara(db):
    return factories.YoungPersonFactory(first_name="Amara", last_name="Okafor")


def ask(young_person, **kwargs):
    return services.concern_raise_from_portal(young_person=young_person, **kwargs)


def audit_text():
    return json.dumps(list(AuditEntry.objects.values("object_label", "changes", "metadata")))


class TestRaiseFromPortal:
    def test_one_press_raises_a_concern_by_heard_about_the_young_person(
        self, amara, leads, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            concern = ask(amara)
        assert concern.young_person == amara
        assert concern.raised_by is None
        assert concern.source == Concern.Source.PORTAL
        assert concern.status == Concern.Status.OPEN
        assert concern.what_happened == services.PORTAL_PRESSED
        assert concern.happened_at == NOW
        assert concern.how_to_contact == ""
        assert concern.is_urgent
        entry = AuditEntry.objects.get(object_type="safeguarding.concern")
        assert entry.actor_id is None and entry.action == AuditEntry.Action.CREATE
        assert entry.changes["what_happened"] == ["(withheld)", "(withheld)"]
        assert "how_to_contact" not in entry.changes
        assert len(mail.outbox) == 2

    def test_their_words_and_contact_are_kept_and_never_audited(self, amara, leads):
        concern = ask(amara, words=f"  {WORDS}  ", how_to_contact="text")
        concern.refresh_from_db()
        assert concern.what_happened == WORDS
        assert concern.how_to_contact == Concern.Contact.TEXT
        assert "how_to_contact" in AuditEntry.objects.get().changes
        assert "Kevin" not in audit_text() and "text" not in json.dumps(
            AuditEntry.objects.get().changes
        ).replace("(withheld)", "")

    def test_every_active_lead_is_emailed_the_reference_and_link_only(
        self, amara, leads, django_capture_on_commit_callbacks
    ):
        factories.UserFactory(role=Role.SAFEGUARDING_LEAD, is_active=False, email="gone@x.org")
        factories.UserFactory(role=Role.PARTICIPATION_LEAD, email="not.a.lead@example.org")
        with django_capture_on_commit_callbacks(execute=True):
            concern = ask(amara, words=WORDS, base_url="https://heard.example.org/")
        assert sorted(message.to[0] for message in mail.outbox) == [
            "lead.one@example.org",
            "lead.two@example.org",
        ]
        link = "https://heard.example.org" + reverse(
            "safeguarding:concern-detail", args=[concern.pk]
        )
        for message in mail.outbox:
            assert len(message.to) == 1 and not message.cc and not message.bcc
            assert concern.reference in message.subject
            assert link in message.body and concern.reference in message.body
            text = message.subject + message.body
            for secret in ("Amara", "Okafor", amara.reference, "Kevin", "scared"):
                assert secret not in text

    def test_no_email_is_sent_until_the_concern_is_saved(self, amara, leads):
        ask(amara)  # the test's transaction never commits: the email waits for it
        assert mail.outbox == []

    def test_with_no_active_lead_it_says_so_in_the_log_without_personal_data(
        self, amara, caplog, django_capture_on_commit_callbacks
    ):
        with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
            concern = ask(amara, words=WORDS)
        assert mail.outbox == []
        assert concern.reference in caplog.text
        assert "Amara" not in caplog.text and "Kevin" not in caplog.text
        assert Concern.objects.filter(pk=concern.pk).exists()

    def test_a_mail_server_that_fails_loses_nothing(
        self, amara, leads, caplog, monkeypatch, django_capture_on_commit_callbacks
    ):
        def broken(*args, **kwargs):
            raise ConnectionRefusedError("mail server down")

        monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken)
        with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
            concern = ask(amara, words=WORDS)
        assert Concern.objects.filter(pk=concern.pk).exists()
        assert f"Could not email the safeguarding leads about concern {concern.reference}" in (
            caplog.text
        )
        assert "Kevin" not in caplog.text and "Amara" not in caplog.text

    def test_a_bad_contact_choice_and_over_long_words_are_refused(self, amara, leads):
        with pytest.raises(ValidationError) as excinfo:
            ask(amara, how_to_contact="carrier pigeon", words="x" * 10001)
        assert set(excinfo.value.message_dict) == {"how_to_contact", "what_happened"}
        assert not Concern.objects.exists()

    @pytest.mark.parametrize("who", [None, "staff", "unsaved"])
    def test_only_a_young_person_can_ask(self, who, officer):
        young_person = {
            None: None,
            "staff": officer,
            "unsaved": factories.YoungPersonFactory.build(),
        }[who]
        with pytest.raises(ValidationError) as excinfo:
            ask(young_person)
        assert "young_person" in excinfo.value.message_dict
        assert not Concern.objects.exists()


class TestOneConcernForOnePress:
    def test_the_same_token_twice_raises_one_concern_and_one_email(
        self, amara, leads, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            first = ask(amara, words=WORDS, token=TOKEN)
            again = ask(amara, words=WORDS + " again", token=TOKEN)
        assert again == first
        assert Concern.objects.count() == 1
        assert AuditEntry.objects.count() == 1
        assert len(mail.outbox) == 2  # one per lead, once

    def test_the_same_words_again_soon_find_the_same_concern(self, amara, leads, time_machine):
        first = ask(amara, words=WORDS)
        time_machine.move_to(NOW + datetime.timedelta(minutes=9), tick=False)
        assert ask(amara, words=WORDS, token=TOKEN) == first
        time_machine.move_to(NOW + datetime.timedelta(minutes=11), tick=False)
        later = ask(amara, words=WORDS)
        assert later != first and Concern.objects.count() == 2

    def test_once_decided_the_same_words_raise_a_new_concern(self, amara, leads, safeguarding_lead):
        first = ask(amara)
        services.concern_decide(actor=safeguarding_lead, concern=first, decision="advice_given")
        assert ask(amara) != first

    def test_new_words_raise_a_new_concern_but_the_leads_are_not_emailed_again_so_soon(
        self, amara, leads, time_machine, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            ask(amara)
            time_machine.move_to(NOW + datetime.timedelta(minutes=5), tick=False)
            second = ask(amara, words=WORDS)
        assert Concern.objects.count() == 2 and second.is_urgent
        assert len(mail.outbox) == 2
        time_machine.move_to(NOW + datetime.timedelta(minutes=21), tick=False)
        with django_capture_on_commit_callbacks(execute=True):
            ask(amara, words="Please call me")
        assert len(mail.outbox) == 4

    def test_another_young_persons_token_is_no_use_for_deduping(self, amara, leads):
        ben = factories.YoungPersonFactory(first_name="Ben")
        theirs = ask(ben, token=TOKEN)
        mine = ask(amara, token=TOKEN)
        assert mine != theirs and mine.young_person == amara
        assert mine.portal_token is None and theirs.portal_token == TOKEN

    def test_a_malformed_token_is_ignored(self, amara, leads):
        concern = ask(amara, token="short")
        assert concern.portal_token is None

    def test_a_press_saved_in_parallel_is_found_not_raised_again(self, amara, leads, monkeypatch):
        first = ask(amara, token=TOKEN)
        monkeypatch.setattr(services, "_portal_repeat", lambda *args: None)
        # The check before the insert missed the other request's row: the unique token catches it.
        original = Concern.objects.filter

        def missed(*args, **kwargs):
            if kwargs == {"portal_token": TOKEN} and not missed.done:
                missed.done = True
                return original(pk=-1)
            return original(*args, **kwargs)

        missed.done = False
        monkeypatch.setattr(Concern.objects, "filter", missed)
        assert ask(amara, token=TOKEN, words="other") == first
        assert original().count() == 1

    def test_any_other_integrity_error_is_not_hidden(self, amara, leads, monkeypatch):
        def clash(concern):
            raise IntegrityError("something else")

        monkeypatch.setattr(services, "_save_with_a_new_reference", clash)
        with pytest.raises(IntegrityError):
            ask(amara)
        with pytest.raises(IntegrityError):
            ask(amara, token=TOKEN)


class TestTheLeadsList:
    def test_undecided_portal_concerns_come_first_marked_urgent(
        self, amara, leads, officer, time_machine, count_queries
    ):
        staff_concern = services.concern_raise(
            actor=officer,
            what_happened="Seen at the bus stop late.",
            happened_at=NOW - datetime.timedelta(hours=1),
            who_was_present="Me.",
            immediate_action="Talked to them.",
            child_told="That I would tell the lead.",
        )
        portal = ask(amara)
        time_machine.move_to(NOW + datetime.timedelta(hours=1), tick=False)
        newest_staff = services.concern_raise(
            actor=officer,
            what_happened="Another worry.",
            happened_at=NOW + datetime.timedelta(minutes=30),
            who_was_present="Me.",
            immediate_action="Talked to them.",
            child_told="That I would tell the lead.",
        )
        decided = ask(factories.YoungPersonFactory(), words="Decided one")
        decided = services.concern_decide(actor=leads[0], concern=decided, decision="advice_given")
        queries, rows = count_queries(lambda: list(selectors.concerns_urgent_first(leads[0])))
        assert queries == 1
        assert rows == [portal, decided, newest_staff, staff_concern]
        assert [row.urgent for row in rows] == [True, False, False, False]
        assert not decided.is_urgent and not staff_concern.is_urgent

    def test_nobody_but_a_safeguarding_lead_lists_them(self, amara, users_by_role):
        ask(amara)
        for role, user in users_by_role.items():
            visible = selectors.concerns_urgent_first(user).count()
            assert visible == (1 if role == Role.SAFEGUARDING_LEAD else 0), role


@pytest.fixture
def users_by_role(db, organisation):
    return {
        role: factories.UserFactory(
            role=role, organisation=organisation if role == Role.PARTNER_WORKER else None
        )
        for role in Role.values
    }
