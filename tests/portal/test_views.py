"""The portal's pages through the test client: signing in, privacy, rating, staff codes pages."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from heard.portal import services
from heard.portal.models import SignInCode
from heard.portal.views import PORTAL_SESSION_KEY
from heard.voice.models import Rating, View
from tests import factories
from tests.portal.conftest import NOT_FOR_AMARA

pytestmark = pytest.mark.django_db


def _text(answer) -> str:
    return answer.content.decode()


# --- Signing in ---------------------------------------------------------------------------------


def test_link_prefills_the_code_but_never_signs_in_on_get(world, officer):
    _, code = services.sign_in_code_issue(actor=officer, young_person=world.amara)
    client = Client()
    answer = client.get(reverse("portal:sign-in") + f"?code={code}")
    assert answer.status_code == 200
    assert f'value="{code}"' in _text(answer)
    assert PORTAL_SESSION_KEY not in client.session
    assert client.get(reverse("portal:home")).url == reverse("portal:sign-in")
    assert SignInCode.objects.get().last_used_at is None


def test_signing_in_with_a_code_shows_the_young_persons_home(world, portal_client):
    client = portal_client(world.amara)
    answer = client.get(reverse("portal:home"))
    assert answer.status_code == 200
    assert "Hello Ami" in _text(answer)
    assert client.session[PORTAL_SESSION_KEY]["young_person"] == world.amara.pk


def test_staff_authentication_is_untouched(world, portal_client):
    client = portal_client(world.amara)
    assert "_auth_user_id" not in client.session
    staff_page = client.get(reverse("people:young-person-list"))
    assert staff_page.status_code == 302
    assert staff_page.url.startswith(reverse("core:sign-in"))


def test_a_wrong_code_never_says_whether_a_code_exists(world, officer):
    code, plain = services.sign_in_code_issue(actor=officer, young_person=world.amara)
    services.sign_in_code_revoke(actor=officer, code=code)
    client = Client()
    wrong = client.post(reverse("portal:sign-in"), {"code": "ZZZZ-ZZZZ"})
    revoked = client.post(reverse("portal:sign-in"), {"code": plain})
    malformed = client.post(reverse("portal:sign-in"), {"code": "hello"})
    for answer in (wrong, revoked, malformed):
        assert answer.status_code == 200
        assert services.CODE_REFUSED in _text(answer)
    assert PORTAL_SESSION_KEY not in client.session
    empty = client.post(reverse("portal:sign-in"), {"code": ""})
    assert "Type in the code your worker gave you." in _text(empty)


def test_expired_code_is_refused(world, officer):
    _, plain = services.sign_in_code_issue(actor=officer, young_person=world.amara, valid_days=1)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, minutes=1)):
        answer = Client().post(reverse("portal:sign-in"), {"code": plain})
    assert services.CODE_REFUSED in _text(answer)
    # The error summary (the one every form page has) leads to the code's box.
    page = answer.content.decode()
    assert "There is a problem" in page and '<a href="#id_code">' in page


def test_rate_limit_per_address_with_a_friendly_message(world, officer, settings):
    settings.HEARD_PORTAL_WRONG_CODES_PER_ADDRESS = 3
    _, plain = services.sign_in_code_issue(actor=officer, young_person=world.amara)
    client = Client()
    for attempt in range(3):
        answer = client.post(reverse("portal:sign-in"), {"code": f"ZZZZ-ZZZ{attempt + 2}"})
        assert answer.status_code == 200
    limited = client.post(reverse("portal:sign-in"), {"code": plain})
    assert limited.status_code == 429
    assert "Please wait 10 minutes" in _text(limited)
    assert PORTAL_SESSION_KEY not in client.session
    # Another address is not held back.
    other = Client(REMOTE_ADDR="10.1.2.3").post(reverse("portal:sign-in"), {"code": plain})
    assert other.status_code == 302


def test_an_address_counts_wrong_codes_only(world, officer, settings):
    """A youth club's children share one address: each one signing in costs the others nothing."""
    settings.HEARD_PORTAL_WRONG_CODES_PER_ADDRESS = 2
    for _ in range(4):
        _, plain = services.sign_in_code_issue(actor=officer, young_person=world.amara)
        assert Client().post(reverse("portal:sign-in"), {"code": plain}).status_code == 302
    assert Client().post(reverse("portal:sign-in"), {"code": "ZZZZ-ZZZ2"}).status_code == 200


def test_one_childs_wrong_codes_do_not_lock_out_the_club(world, officer):
    """The issue: after one child's 10 wrong codes every child on the connection was refused."""
    for attempt in range(10):
        Client().post(reverse("portal:sign-in"), {"code": f"ZZZZ-ZZ{attempt}Z"})
    _, plain = services.sign_in_code_issue(actor=officer, young_person=world.ben)
    assert Client().post(reverse("portal:sign-in"), {"code": plain}).status_code == 302


def test_rate_limit_per_code_across_addresses(world, officer, settings):
    settings.HEARD_PORTAL_TRIES_PER_CODE = 2
    _, plain = services.sign_in_code_issue(actor=officer, young_person=world.amara)
    for number in range(2):
        Client(REMOTE_ADDR=f"10.0.0.{number + 1}").post(
            reverse("portal:sign-in"), {"code": "ABCD-EFGH"}
        )
    limited = Client(REMOTE_ADDR="10.0.0.9").post(reverse("portal:sign-in"), {"code": "abcd efgh"})
    assert limited.status_code == 429
    fine = Client(REMOTE_ADDR="10.0.0.9").post(reverse("portal:sign-in"), {"code": plain})
    assert fine.status_code == 302


def test_a_code_signs_in_once(world, officer):
    _, plain = services.sign_in_code_issue(actor=officer, young_person=world.amara)
    first = Client()
    assert first.post(reverse("portal:sign-in"), {"code": plain}).status_code == 302
    second = Client()
    answer = second.post(reverse("portal:sign-in"), {"code": plain})
    assert answer.status_code == 200
    assert "That code has been used already. Each code works only once" in _text(answer)
    assert PORTAL_SESSION_KEY not in second.session
    # The first device stays signed in for its two hours.
    assert first.get(reverse("portal:home")).status_code == 200


def test_the_sign_in_page_says_a_code_works_once(world):
    page = _text(Client().get(reverse("portal:sign-in")))
    assert "Each code works only once" in page


def test_portal_session_ends_after_two_hours(world, portal_client):
    client = portal_client(world.amara)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1, minutes=59)):
        assert client.get(reverse("portal:home")).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2, minutes=1)):
        assert client.get(reverse("portal:home")).url == reverse("portal:sign-in")
    assert PORTAL_SESSION_KEY not in client.session


def test_revoking_the_code_ends_the_session_at_once(world, portal_client, officer):
    client = portal_client(world.amara)
    code = SignInCode.objects.get(young_person=world.amara)
    services.sign_in_code_revoke(actor=officer, code=code)
    assert client.get(reverse("portal:home")).url == reverse("portal:sign-in")


def test_sign_out(world, portal_client):
    client = portal_client(world.amara)
    assert client.get(reverse("portal:sign-out")).status_code == 405
    answer = client.post(reverse("portal:sign-out"), follow=True)
    assert "You are signed out" in _text(answer)
    assert client.get(reverse("portal:home")).url == reverse("portal:sign-in")


@pytest.mark.parametrize(
    "name", ["portal:home", "portal:sessions", "portal:sign-in", "portal:public"]
)
def test_portal_and_public_pages_are_never_cached(world, portal_client, name):
    client = portal_client(world.amara)
    answer = client.get(reverse(name), follow=True)
    assert "no-store" in answer["Cache-Control"]


def test_pages_need_a_portal_session(world):
    client = Client()
    for name in ("portal:home", "portal:sessions"):
        assert client.get(reverse(name)).url == reverse("portal:sign-in")
    answer = client.post(
        reverse("portal:rate", args=[world.responses.shared.pk]), {"value": "helpful"}
    )
    assert answer.url == reverse("portal:sign-in")
    assert not Rating.objects.exists()


# --- What happened to what I said ---------------------------------------------------------------


def test_home_shows_own_and_current_group_views_with_told_answers(world, portal_client):
    page = _text(portal_client(world.amara).get(reverse("portal:home")))
    assert "AMARA-OWN" in page and "RIVERSIDE-GROUP" in page
    assert "SHARED-ANSWER" in page and "GROUP-ANSWER" in page
    assert "We told you on 1 November 2026" in page  # the first time it was fed back
    assert "Riverside Buddy Group" in page
    assert page.count('name="value"') == 6  # two answers, three buttons each
    for marker in NOT_FOR_AMARA:
        assert marker not in page, marker


def test_answers_not_yet_told_are_not_shown_and_cannot_be_rated(world, portal_client):
    """The Hillside group view has a response that nobody has been told about yet."""
    client = portal_client(world.cleo)
    page = _text(client.get(reverse("portal:home")))
    assert "HILLSIDE-GROUP" in page
    assert "UNTOLD-ANSWER" not in page
    assert "We will tell you what happens" in page
    answer = client.post(
        reverse("portal:rate", args=[world.responses.untold.pk]), {"value": "helpful"}
    )
    assert answer.status_code == 404
    assert not Rating.objects.exists()


def test_a_view_naming_only_others_is_hidden_even_from_their_group(world, portal_client):
    """Ben's own view was recorded against the Riverside group: Amara still never sees it."""
    assert world.views.ben.group == world.riverside
    page = _text(portal_client(world.amara).get(reverse("portal:home")))
    assert "BEN-SECRET" not in page
    ben_page = _text(portal_client(world.ben).get(reverse("portal:home")))
    assert "BEN-SECRET" in ben_page and "BEN-ALONE" in ben_page
    assert "AMARA-OWN" not in ben_page and "Amara" not in ben_page and "Okafor" not in ben_page


def test_a_young_person_who_left_the_group_no_longer_sees_its_views(world, portal_client):
    page = _text(portal_client(world.dan).get(reverse("portal:home")))
    assert "DAN-SECRET" in page
    assert "RIVERSIDE-GROUP" not in page and "AMARA-OWN" not in page


def test_sessions_page_lists_only_their_sessions(world, portal_client):
    factories.SessionFactory(
        group=None,
        young_person=world.amara,
        organisation=world.amara.organisation,
        kind="one_to_one_review",
        date=datetime.date(2026, 9, 1),
    )
    factories.AttendanceFactory(
        session=factories.SessionFactory(group=world.hillside, date=datetime.date(2026, 8, 1)),
        young_person=world.cleo,
    )
    page = _text(portal_client(world.amara).get(reverse("portal:sessions")))
    assert "1 October 2026" in page and "Group session" in page
    assert "1 September 2026" in page and "One-to-one review" in page and "Just you" in page
    assert "Hillside" not in page and "1 August 2026" not in page
    for marker in NOT_FOR_AMARA:
        assert marker not in page, marker


# --- Rating -------------------------------------------------------------------------------------


def test_rating_their_own_answer(world, portal_client):
    client = portal_client(world.amara)
    answer = client.post(
        reverse("portal:rate", args=[world.responses.shared.pk]),
        {"value": "not_sure", "comment": "Only some buses", "view": world.views.amara.pk},
    )
    assert answer.status_code == 302
    assert answer.url.endswith(f"#view-{world.views.amara.pk}")
    rating = Rating.objects.get()
    assert (rating.young_person, rating.value, rating.comment) == (
        world.amara,
        "not_sure",
        "Only some buses",
    )
    world.views.amara.refresh_from_db()
    assert world.views.amara.status == View.Status.RATED
    page = _text(client.get(reverse("portal:home")))
    assert "Thank you! We saved what you think." in page
    assert "You said: Not sure. You can change it." in page


def test_rating_again_changes_the_rating(world, portal_client):
    client = portal_client(world.amara)
    url = reverse("portal:rate", args=[world.responses.group.pk])
    client.post(url, {"value": "helpful"})
    client.post(url, {"value": "not_helpful", "comment": "Still noisy"})
    rating = Rating.objects.get()
    assert (rating.value, rating.comment) == ("not_helpful", "Still noisy")


@pytest.mark.parametrize("value", ["", "brilliant", "HELPFUL"])
def test_bad_rating_values_change_nothing(world, portal_client, value):
    client = portal_client(world.amara)
    answer = client.post(
        reverse("portal:rate", args=[world.responses.group.pk]), {"value": value}, follow=True
    )
    assert "Choose helpful, not sure or not helpful." in _text(answer)
    assert not Rating.objects.exists()


def test_over_long_comment_changes_nothing(world, portal_client):
    client = portal_client(world.amara)
    answer = client.post(
        reverse("portal:rate", args=[world.responses.group.pk]),
        {"value": "helpful", "comment": "x" * 1001},
        follow=True,
    )
    assert "Your comment is too long" in _text(answer)
    assert not Rating.objects.exists()


@pytest.mark.parametrize("whose", ["cleo", "ben_alone", "untold", "published"])
def test_tampering_with_the_response_id_is_not_found(world, portal_client, whose):
    client = portal_client(world.amara)
    response = getattr(world.responses, whose)
    answer = client.post(reverse("portal:rate", args=[response.pk]), {"value": "helpful"})
    assert answer.status_code == 404
    for marker in NOT_FOR_AMARA:
        assert marker not in _text(answer)
    assert not Rating.objects.exists()


def test_tampering_with_unknown_ids_and_extra_fields(world, portal_client):
    client = portal_client(world.amara)
    assert (
        client.post(reverse("portal:rate", args=[999999]), {"value": "helpful"}).status_code == 404
    )
    # A young_person field in the POST is ignored: the rating is always the signed-in person's.
    client.post(
        reverse("portal:rate", args=[world.responses.shared.pk]),
        {"value": "helpful", "young_person": world.ben.pk, "view": "nonsense"},
    )
    assert list(Rating.objects.values_list("young_person", flat=True)) == [world.amara.pk]
    # Signing in with extra fields cannot choose who you are.
    _, code = services.sign_in_code_issue(actor=world.officer, young_person=world.amara)
    other = Client()
    other.post(reverse("portal:sign-in"), {"code": code, "young_person": world.ben.pk})
    assert other.session[PORTAL_SESSION_KEY]["young_person"] == world.amara.pk


def test_home_runs_a_fixed_number_of_queries(world, portal_client, count_queries):
    client = portal_client(world.amara)

    def add_views(count):
        for number in range(count):
            view = factories.ViewFactory(
                session=world.session, text=f"EXTRA {number}", young_people=[world.amara]
            )
            response = factories.ResponseFactory(views=[view])
            factories.FeedbackFactory(response=response)

    add_views(2)
    few, answer = count_queries(lambda: client.get(reverse("portal:home")))
    assert _text(answer).count("EXTRA") == 2
    add_views(8)
    many, answer = count_queries(lambda: client.get(reverse("portal:home")))
    assert _text(answer).count("EXTRA") == 10
    assert few == many


# --- Every other page and endpoint --------------------------------------------------------------


def _all_paths(world) -> list[str]:
    """Every URL pattern of the site, ids filled in with those of other young people's records."""
    import re

    from django.urls import URLPattern, URLResolver, get_resolver

    ids = [
        world.views.ben.pk,
        world.views.cleo.pk,
        world.responses.cleo.pk,
        world.ben.pk,
        world.cleo.pk,
    ]
    paths: set[str] = set()

    def fill(pattern: str, value: int) -> str:
        pattern = re.sub(r"<(?:(\w+):)?(\w+)>", str(value), pattern)
        pattern = re.sub(r"\(\?P<object_type>[^)]*\)", "voice.view", pattern)
        pattern = re.sub(r"\(\?P<\w+>[^)]*\)", str(value), pattern)
        pattern = re.sub(r"\\\.\(\?P<format>[^)]*\)|\(\?P<format>[^)]*\)", "", pattern)
        return pattern.replace("^", "").replace("$", "").replace("\\", "")

    def walk(patterns, prefix: str) -> None:
        for entry in patterns:
            text = str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + text)
            elif isinstance(entry, URLPattern):
                full = (prefix + text).replace("<str:object_type>", "voice.view")
                for value in ids:
                    paths.add("/" + fill(full, value))

    walk(get_resolver().url_patterns, "")
    return sorted(path for path in paths if "(" not in path and "[" not in path)


def test_no_page_or_endpoint_shows_another_young_persons_view(world, portal_client):
    client = portal_client(world.amara)
    paths = _all_paths(world)
    assert len(paths) > 30
    checked = 0
    for path in paths:
        if "sign-out" in path:
            continue
        answer = client.get(path)
        checked += 1
        assert answer.status_code < 500, path
        body = b"".join(answer.streaming_content) if answer.streaming else answer.content
        text = body.decode(errors="replace")
        for marker in ("BEN-SECRET", "CLEO-SECRET", "Benedict", "Cleopatra", "CLEO-ANSWER"):
            assert marker not in text, f"{marker} on {path}"
    assert checked > 30


def test_the_portal_shows_no_photos_of_anyone(world, portal_client):
    """Photos (image evidence) stay with staff, behind the photographs consent check: the portal
    never shows one, not even of the young person's own view."""
    factories.EvidenceFactory(view=world.views.amara, description="AMARA-PHOTO")
    factories.EvidenceFactory(view=world.views.group, description="GROUP-PHOTO")
    page = portal_client(world.amara).get(reverse("portal:home")).content.decode()
    assert "AMARA-OWN" in page
    assert "AMARA-PHOTO" not in page and "GROUP-PHOTO" not in page
    assert "/voice/evidence/" not in page
