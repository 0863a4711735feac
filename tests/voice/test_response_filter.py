"""The responses' filter (the "still owed feedback" list and the API's responses): its search
reads the plain-language answer, the explanation and who decided."""

import pytest
from django.test import RequestFactory

from heard.voice.filters import ResponseFilter
from heard.voice.models import Response
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "words", ["swimming", "SWIMMING POOL", "leisure centre", "Director of Leisure"]
)
def test_the_search_finds_words_in_the_answer_the_reason_or_who_decided(officer, words):
    pool = factories.ResponseFactory(
        plain_language="The swimming pool now has a free session for young people.",
        explanation="The leisure centre found the money.",
        decision_maker="Director of Leisure",
    )
    factories.ResponseFactory()  # the youth club's Saturdays: matches none of the words
    request = RequestFactory().get("/", {"q": words})
    request.user = officer
    found = ResponseFilter(request.GET, queryset=Response.objects.all(), request=request).qs
    assert list(found) == [pool]
