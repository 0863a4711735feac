"""The portal's "Tell us how it went": a young person rates the sessions they took part in,
once each, and can change it; nobody rates a session they did not attend."""

from django.urls import reverse

from heard.involvement.models import Evaluation

HOW_IT_WENT = reverse("portal:how-it-went")


def test_a_young_person_rates_a_session_they_attended_and_changes_it(world, portal_client):
    client = portal_client(world.amara)
    page = client.get(HOW_IT_WENT).content.decode()
    assert "Tell us how it went" in page
    assert f"session-{world.session.pk}" in page
    assert f"session-{world.other_session.pk}" not in page
    url = reverse("portal:evaluate", args=[world.session.pk])
    answer = client.post(url, {"rating": "negative", "comment": "Too <b>long</b>"})
    assert answer.url == f"{HOW_IT_WENT}#session-{world.session.pk}"
    page = client.get(HOW_IT_WENT).content.decode()
    assert "You said: Not good" in page and "Too &lt;b&gt;long&lt;/b&gt;" in page
    client.post(url, {"rating": "positive", "comment": ""})
    evaluation = Evaluation.objects.get()
    assert (evaluation.young_person, evaluation.rating, evaluation.comment) == (
        world.amara,
        "positive",
        "",
    )
    assert evaluation.source == Evaluation.Source.PORTAL


def test_a_wrong_answer_is_said_and_nothing_saved(world, portal_client):
    client = portal_client(world.amara)
    url = reverse("portal:evaluate", args=[world.session.pk])
    answer = client.post(url, {"rating": "brilliant"}, follow=True)
    assert "Choose good, OK or not good." in answer.content.decode()
    assert not Evaluation.objects.exists()


def test_nobody_rates_a_session_they_did_not_attend(world, portal_client, client):
    url = reverse("portal:evaluate", args=[world.other_session.pk])
    assert portal_client(world.amara).post(url, {"rating": "positive"}).status_code == 404
    assert client.post(url, {"rating": "positive"}).url == reverse("portal:sign-in")
    assert client.get(HOW_IT_WENT).url == reverse("portal:sign-in")
    assert portal_client(world.amara).get(url).status_code == 405
    assert not Evaluation.objects.exists()


def test_the_page_says_when_there_is_nothing_yet(world, portal_client):
    page = portal_client(world.dan).get(HOW_IT_WENT).content.decode()
    assert "Nothing here yet" in page
