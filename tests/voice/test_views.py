import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from heard.core.roles import Role
from heard.voice import services
from heard.voice.models import Feedback, Response, View
from tests import factories
from tests.voice.conftest import SESSION_DAY

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def record(actor, session, **kwargs):
    values = {"text": "More things to do after school", "session": session, "group": session.group}
    return services.view_record(actor=actor, **(values | kwargs))


def respond(actor, views, **kwargs):
    values = {
        "decision_maker": "Head of Youth Services",
        "outcome": "changed",
        "explanation": "The club now opens on Saturdays.",
        "plain_language": "The club is open on Saturdays now.",
        "date": datetime.date(2026, 10, 20),
    }
    return services.response_record(actor=actor, views=views, **(values | kwargs))


def formset_data(rows, prefix="form"):
    data = {
        f"{prefix}-TOTAL_FORMS": "5",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "5",
    }
    for i in range(5):
        data[f"{prefix}-{i}-kind"] = "view"
        data[f"{prefix}-{i}-consent"] = "internal"
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


class TestRecordViewsFromASession:
    def test_page_shows_five_rows_with_attendees(self, client_for, officer, session, members):
        response = client_for(officer).get(reverse("voice:session-views-create", args=[session.pk]))
        assert response.status_code == 200
        html = response.content.decode()
        assert html.count("<legend") >= 5
        assert members[0].reference in html
        assert "The whole group (Riverside Buddy Group)" in html

    def test_records_several_skipping_blank_rows(
        self, client_for, officer, session, members, theme
    ):
        data = formset_data(
            [
                {
                    "text": "The bus costs too much",
                    "young_people": [members[0].pk],
                    "themes": [theme.pk],
                },
                {"text": "More trips", "whole_group": "on"},
                {"text": "I feel unsafe", "is_anonymous": "on", "kind": "wish_feeling"},
            ]
        )
        response = client_for(officer).post(
            reverse("voice:session-views-create", args=[session.pk]), data
        )
        assert response.status_code == 302
        views = list(View.objects.order_by("id"))
        assert [v.text for v in views] == ["The bus costs too much", "More trips", "I feel unsafe"]
        assert list(views[0].young_people.all()) == [members[0]]
        assert views[1].group == session.group
        assert views[2].is_anonymous and views[2].kind == "wish_feeling"
        detail = client_for(officer).get(reverse("participation:session-detail", args=[session.pk]))
        assert "Views from this session" in detail.content.decode()
        assert "More trips" in detail.content.decode()

    def test_errors_shown_and_nothing_saved(self, client_for, officer, session):
        data = formset_data([{"text": "Who said this?"}])
        response = client_for(officer).post(
            reverse("voice:session-views-create", args=[session.pk]), data
        )
        assert response.status_code == 200
        assert "Say who gave the view" in response.content.decode()
        assert not View.objects.exists()

    def test_all_blank_refused(self, client_for, officer, session):
        response = client_for(officer).post(
            reverse("voice:session-views-create", args=[session.pk]), formset_data([])
        )
        assert "Enter at least one view" in response.content.decode()

    def test_partner_worker_of_another_organisation_gets_404(
        self, client_for, make_user, other_organisation, session
    ):
        outsider = make_user(Role.PARTNER_WORKER, organisation=other_organisation)
        response = client_for(outsider).get(
            reverse("voice:session-views-create", args=[session.pk])
        )
        assert response.status_code == 404


class TestViewList:
    def test_lists_searches_filters_and_exports(self, client_for, officer, session, theme):
        record(officer, session, text="The bus is too expensive", themes=[theme])
        record(officer, session, text="More parks please", kind="idea")
        client = client_for(officer)
        page = client.get(reverse("voice:view-list"))
        assert "The bus is too expensive" in page.content.decode()
        found = client.get(reverse("voice:view-list"), {"q": "bus"}).content.decode()
        assert "bus is too expensive" in found and "More parks" not in found
        by_kind = client.get(reverse("voice:view-list"), {"kind": "idea"}).content.decode()
        assert "More parks" in by_kind and "bus" not in by_kind
        by_theme = client.get(reverse("voice:view-list"), {"theme": theme.pk}).content.decode()
        assert "bus" in by_theme and "More parks" not in by_theme
        by_status = client.get(reverse("voice:view-list"), {"status": "responded"})
        assert "bus" not in by_status.content.decode()
        by_group = client.get(reverse("voice:view-list"), {"group": session.group.pk})
        assert "More parks" in by_group.content.decode()
        dated = client.get(reverse("voice:view-list"), {"date_from": "2026-10-02"})
        assert "More parks" not in dated.content.decode()
        csv = b"".join(client.get(reverse("voice:view-list"), {"format": "csv"}).streaming_content)
        assert b"What was said" in csv and b"More parks please" in csv

    def test_group_filter_by_id_or_name_through_the_session_or_the_view(
        self, client_for, officer, session, other_session, monkeypatch
    ):
        record(officer, session, text="From our session", group=None, is_anonymous=True)
        record(officer, other_session, text="From their group", group=other_session.group)
        client = client_for(officer)
        url = reverse("voice:view-list")
        page = client.get(url).content.decode()
        assert f'<option value="{session.group.pk}">' in page  # few groups: a drop-down
        by_id = client.get(url, {"group": session.group.pk}).content.decode()
        assert "From our session" in by_id and "From their group" not in by_id
        # Too many groups to list: a name search instead, matching a part of the name.
        monkeypatch.setattr("heard.groups.filters.GROUP_CHOICES_MAX", 1)
        page = client.get(url).content.decode()
        assert "<option" not in page.split('name="group"')[0].rsplit("<label", 1)[-1]
        by_name = client.get(url, {"group": other_session.group.name}).content.decode()
        assert "From their group" in by_name and "From our session" not in by_name
        # The id still works (links made while the drop-down was shown).
        by_id = client.get(url, {"group": session.group.pk}).content.decode()
        assert "From our session" in by_id and "From their group" not in by_id

    def test_fixed_number_of_queries(
        self, client_for, officer, session, members, theme, count_queries
    ):
        client = client_for(officer)

        def make(n):
            for i in range(n):
                record(officer, session, text=f"View {i}", themes=[theme], young_people=members[:2])

        client.get(reverse("voice:view-list"))  # warm up: the session and the partnership row
        make(2)
        few, _ = count_queries(lambda: client.get(reverse("voice:view-list")))
        make(8)
        many, _ = count_queries(lambda: client.get(reverse("voice:view-list")))
        assert few == many

    def test_partner_worker_sees_only_own_organisation(
        self, client_for, officer, partner_worker, session, other_session
    ):
        mine = record(officer, session, text="Ours")
        theirs = record(officer, other_session, text="Theirs", group=None, is_anonymous=True)
        client = client_for(partner_worker)
        html = client.get(reverse("voice:view-list")).content.decode()
        assert "Ours" in html and "Theirs" not in html
        assert client.get(reverse("voice:view-detail", args=[mine.pk])).status_code == 200
        assert client.get(reverse("voice:view-detail", args=[theirs.pk])).status_code == 404

    def test_board_member_cannot_see_views(self, client_for, board_member, officer, session):
        view = record(officer, session)
        client = client_for(board_member)
        assert client.get(reverse("voice:view-list")).status_code == 403
        assert client.get(reverse("voice:view-detail", args=[view.pk])).status_code == 404
        assert client.get(reverse("voice:loop-figures")).status_code == 200
        assert "Views" not in [
            item["label"] for item in client.get(reverse("home")).context["navigation"]
        ]


class TestRespondAndFeedBack:
    def test_respond_to_selected_views_then_feed_back(self, client_for, officer, session, members):
        views = [record(officer, session, text=f"View {i}") for i in range(3)]
        client = client_for(officer)
        page = client.get(reverse("voice:response-create"), {"views": [views[0].pk, views[1].pk]})
        assert page.status_code == 200
        assert "View 0" in page.content.decode() and "View 2" not in page.content.decode()
        posted = client.post(
            reverse("voice:response-create"),
            {
                "views": [views[0].pk, views[1].pk],
                "decision_maker": "Youth Services",
                "outcome": "changed",
                "explanation": "Longer opening hours.",
                "plain_language": "The club stays open later now.",
                "date": "2026-10-20",
            },
        )
        response = Response.objects.get()
        assert posted.status_code == 302
        assert posted.url == reverse("voice:response-detail", args=[response.pk])
        assert set(response.views.all()) == set(views[:2])

        form = client.get(reverse("voice:feedback-create", args=[response.pk]))
        html = form.content.decode()
        # The group that gave the views is ticked already.
        assert re.search(rf'value="{session.group.pk}"[^>]*checked', html)
        done = client.post(
            reverse("voice:feedback-create", args=[response.pk]),
            {"date": "2026-11-01", "channel": "in_person", "groups": [session.group.pk]},
        )
        assert done.status_code == 302
        assert Feedback.objects.get().groups.get() == session.group
        assert View.objects.filter(status="fed_back").count() == 2

    def test_not_possible_without_reason_shows_clear_error(self, client_for, officer, session):
        view = record(officer, session)
        response = client_for(officer).post(
            reverse("voice:response-create"),
            {
                "views": [view.pk],
                "decision_maker": "Council",
                "outcome": "not_possible",
                "explanation": "",
                "plain_language": "We could not do it.",
                "date": "2026-10-20",
            },
        )
        assert response.status_code == 200
        assert "Explain why it was not possible" in response.content.decode()
        assert not Response.objects.exists()

    def test_readability_warning_shown_with_score(self, client_for, officer, session):
        view = record(officer, session)
        client = client_for(officer)
        posted = client.post(
            reverse("voice:response-create"),
            {
                "views": [view.pk],
                "decision_maker": "Council",
                "outcome": "changed",
                "explanation": "Done.",
                "plain_language": "Following comprehensive consultation, the commissioning "
                "organisation substantially reconfigured transportation arrangements.",
                "date": "2026-10-20",
            },
            follow=True,
        )
        assert "reading age of about" in posted.content.decode()
        assert Response.objects.exists()  # a warning, not a refusal

    def test_no_views_chosen_goes_back_to_the_list(self, client_for, officer):
        response = client_for(officer).get(reverse("voice:response-create"))
        assert response.status_code == 302

    def test_feedback_owed_oldest_first(self, client_for, officer, session):
        old = respond(
            officer, [record(officer, session, text="a")], date=datetime.date(2026, 10, 2)
        )
        new = respond(
            officer, [record(officer, session, text="b")], date=datetime.date(2026, 11, 1)
        )
        page = client_for(officer).get(reverse("voice:feedback-owed"))
        rows = list(page.context["object_list"])
        assert rows == [old, new]
        assert rows[0].days_waiting == 49
        assert "Overdue" in page.content.decode()


class TestEvidence:
    def test_upload_and_permission_checked_download(
        self,
        client_for,
        officer,
        partner_worker,
        make_user,
        other_organisation,
        session,
        members,
        give_consent,
    ):
        for person in members:  # a whole-group view: everyone in the group that day
            give_consent(person, "photographs")
        view = record(officer, session)
        client = client_for(officer)
        response = client.post(
            reverse("voice:evidence-add", args=[view.pk]),
            {"file": SimpleUploadedFile("drawing.png", PNG), "description": "Drawing"},
        )
        assert response.status_code == 302
        evidence = view.evidence.get()
        download = client.get(reverse("voice:evidence-download", args=[evidence.pk]))
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == PNG
        assert download["X-Content-Type-Options"] == "nosniff"
        outsider = make_user(Role.PARTNER_WORKER, organisation=other_organisation)
        assert (
            client_for(outsider)
            .get(reverse("voice:evidence-download", args=[evidence.pk]))
            .status_code
            == 404
        )

    def test_bad_file_refused_on_the_form(self, client_for, officer, session):
        view = record(officer, session)
        response = client_for(officer).post(
            reverse("voice:evidence-add", args=[view.pk]),
            {"file": SimpleUploadedFile("virus.pdf", b"MZ not a pdf at all")},
        )
        assert response.status_code == 200
        assert "The file must be" in response.content.decode()


class TestLoopFiguresPage:
    def test_small_counts_exact_for_staff_who_read_every_view(
        self, client_for, officer, board_member, session
    ):
        """ADR 0008: exact for an officer, protected for a board member."""
        record(officer, session)
        page = client_for(officer).get(reverse("voice:loop-figures"))
        assert dict(page.context["rows"])["Views recorded"] == "1"
        page = client_for(board_member).get(reverse("voice:loop-figures"))
        assert dict(page.context["rows"])["Views recorded"] in ("fewer than 5", "5", "0")

    def test_filters(self, client_for, officer, session, theme):
        for i in range(6):
            record(officer, session, text=f"v{i}", themes=[theme] if i < 5 else [])
        client = client_for(officer)
        rows = dict(client.get(reverse("voice:loop-figures")).context["rows"])
        assert rows["Views recorded"] == "6"
        rows = dict(client.get(reverse("voice:loop-figures"), {"theme": theme.pk}).context["rows"])
        assert rows["Views recorded"] == "5"
        rows = dict(
            client.get(reverse("voice:loop-figures"), {"start": "2026-11-01"}).context["rows"]
        )
        assert rows["Views recorded"] == "0"


class TestJourney:
    def test_shows_sessions_views_responses_feedback_in_order(
        self, client_for, officer, session, members
    ):
        view = record(officer, session, text="My own view", young_people=[members[0]], group=None)
        response = respond(officer, [view])
        services.feedback_record(
            actor=officer,
            response=response,
            date=datetime.date(2026, 11, 1),
            channel="letter",
            young_people=[members[0]],
        )
        page = client_for(officer).get(reverse("voice:young-person-journey", args=[members[0].pk]))
        kinds = [item.kind for item in page.context["items"]]
        assert kinds == ["session", "view", "response", "feedback"]
        assert page.context["items"][0].date == SESSION_DAY

    def test_like_viewing_the_young_person(
        self, client_for, board_member, members, make_user, other_organisation
    ):
        assert (
            client_for(board_member)
            .get(reverse("voice:young-person-journey", args=[members[0].pk]))
            .status_code
            == 404
        )
        outsider = make_user(Role.PARTNER_WORKER, organisation=other_organisation)
        assert (
            client_for(outsider)
            .get(reverse("voice:young-person-journey", args=[members[0].pk]))
            .status_code
            == 404
        )

    def test_linked_from_young_person_page(self, client_for, officer, members):
        page = client_for(officer).get(reverse("people:young-person-detail", args=[members[0].pk]))
        assert reverse("voice:young-person-journey", args=[members[0].pk]) in page.content.decode()

    def _two_years(self, officer, session, person):
        """A session and a view in 2025-26; a response to that view and feedback in 2026-27, where
        the ``session`` fixture (1 October 2026) is too."""
        spring = factories.SessionFactory(group=session.group, date=datetime.date(2026, 2, 1))
        factories.AttendanceFactory(session=spring, young_person=person)
        view = record(officer, spring, text="Spring view", young_people=[person], group=None)
        response = respond(officer, [view], date=datetime.date(2026, 4, 10))
        services.feedback_record(
            actor=officer,
            response=response,
            date=datetime.date(2026, 5, 1),
            channel="letter",
            young_people=[person],
        )

    def test_shows_the_latest_year_with_entries_and_links_to_the_others(
        self, client_for, officer, session, members
    ):
        self._two_years(officer, session, members[0])
        client = client_for(officer)
        url = reverse("voice:young-person-journey", args=[members[0].pk])
        page = client.get(url)
        assert page.context["year"] == 2026
        assert [i.kind for i in page.context["items"]] == ["response", "feedback", "session"]
        html = page.content.decode()
        assert "Spring view" not in html
        assert '<strong aria-current="page">2026-27</strong> (3 entries)' in html
        assert '<a class="govuk-link" href="?year=2025">2025-26</a> (2 entries)' in html
        assert 'href="?year=2025" rel="prev"' in html and "Earlier year" in html
        assert "Later year" not in html

        earlier = client.get(url, {"year": "2025"})
        assert earlier.context["year"] == 2025
        assert [i.kind for i in earlier.context["items"]] == ["session", "view"]
        html = earlier.content.decode()
        assert "Spring view" in html and "Session: Planning day" not in html
        assert 'href="?year=2026" rel="next"' in html and "Earlier year" not in html

    @pytest.mark.parametrize("asked", ["abc", "20x6", "99999", "0", "-2025", "2026.0", "²⁰²⁵"])
    def test_a_year_that_is_not_one_falls_back_with_a_message(
        self, client_for, officer, session, members, asked
    ):
        self._two_years(officer, session, members[0])
        url = reverse("voice:young-person-journey", args=[members[0].pk])
        page = client_for(officer).get(url, {"year": asked})
        assert page.status_code == 200
        assert page.context["year"] == 2026
        assert "is not a partnership year" in page.context["year_error"]
        assert "govuk-warning-text" in page.content.decode()

    def test_a_year_without_entries_says_so_and_links_to_those_with(
        self, client_for, officer, session, members
    ):
        url = reverse("voice:young-person-journey", args=[members[0].pk])
        page = client_for(officer).get(url, {"year": "2019"})
        html = page.content.decode()
        assert page.context["items"] == [] and page.context["year_error"] == ""
        assert "Nothing recorded in 2019-20." in html
        assert 'href="?year=2026" rel="next"' in html

    def test_nothing_recorded_opens_on_the_current_year(self, client_for, officer, members):
        page = client_for(officer).get(reverse("voice:young-person-journey", args=[members[0].pk]))
        assert page.context["year"] == 2026 and page.context["years"] == []
        html = page.content.decode()
        assert "Nothing recorded yet." in html and "Earlier year" not in html

    def test_runs_the_same_queries_for_a_year_of_1_entry_or_of_50(
        self, client_for, officer, session, members, count_queries
    ):
        person = members[0]
        lone = factories.SessionFactory(group=session.group, date=datetime.date(2025, 6, 1))
        factories.AttendanceFactory(session=lone, young_person=person)
        client = client_for(officer)
        url = reverse("voice:young-person-journey", args=[person.pk])
        client.get(url)
        one, page = count_queries(lambda: client.get(url, {"year": "2025"}))
        assert len(page.context["items"]) == 1
        for day in range(1, 13):
            busy = factories.SessionFactory(group=session.group, date=datetime.date(2026, 9, day))
            factories.AttendanceFactory(session=busy, young_person=person)
            views = [
                factories.ViewFactory(session=busy, young_people=[person]),
                factories.ViewFactory(session=busy, group=None, young_people=[person]),
            ]
            response = factories.ResponseFactory(views=views, date=datetime.date(2026, 10, day))
            factories.FeedbackFactory(response=response, date=datetime.date(2026, 11, day))
            response.feedback.first().young_people.add(person)
        fifty, page = count_queries(lambda: client.get(url))
        assert page.context["year"] == 2026
        assert len(page.context["items"]) == 1 + 12 * 5
        assert one == fifty


def test_other_views_of_a_view(client_for, officer, session):
    view = record(officer, session)
    client = client_for(officer)
    assert client.get(reverse("voice:view-detail", args=[view.pk])).status_code == 200
    response = client.post(
        reverse("voice:view-edit", args=[view.pk]),
        {"text": "Edited", "kind": "idea", "recorded_on": "2026-10-01", "consent": "publish"},
    )
    assert response.status_code == 302
    view.refresh_from_db()
    assert (view.text, view.kind, view.consent) == ("Edited", "idea", "publish")


@pytest.mark.parametrize("name", ["voice:view-list", "voice:feedback-owed", "voice:loop-figures"])
def test_sign_in_required(client, db, name):
    assert client.get(reverse(name)).status_code == 302


def test_other_factories_work(db):
    rating = factories.RatingFactory()
    assert factories.FeedbackFactory(response=rating.response).response == rating.response
    assert factories.EvidenceFactory().view.pk


def test_home_lists_overdue_loop_items_for_those_responsible(
    client_for, officer, board_member, session
):
    old = record(
        officer, session, text="Waiting far too long", recorded_on=datetime.date(2026, 9, 1)
    )
    page = client_for(officer).get(reverse("home")).content.decode()
    assert "You said, we did: overdue" in page
    assert reverse("voice:view-detail", args=[old.pk]) in page
    board_page = client_for(board_member).get(reverse("home")).content.decode()
    assert "Waiting far too long" not in board_page
    assert reverse("voice:loop-figures") in board_page
