"""Concern references count nothing: random, stored, unique, drawn again on a collision; old
sequential references were replaced by a migration, and search finds both."""

import datetime
import re

import pytest
from django.db import IntegrityError
from django.urls import reverse

from heard.core.models import AuditEntry
from heard.core.roles import Role
from heard.safeguarding import selectors, services
from heard.safeguarding.models import Concern

from .conftest import NOW

REFERENCE = re.compile(r"SC-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}")
CONCERNS_API = "/api/v1/safeguarding-concerns/"


def raise_concern(actor):
    return services.concern_raise(
        actor=actor,
        what_happened="Said they had not eaten since Friday.",
        happened_at=NOW - datetime.timedelta(hours=2),
        who_was_present="Me.",
        immediate_action="Gave them breakfast.",
        child_told="That I would tell the safeguarding lead.",
    )


def is_monotonic(values):
    return values == sorted(values) or values == sorted(values, reverse=True)


class TestRandomReferences:
    def test_fifty_references_in_a_row_are_random_and_count_nothing(self, officer):
        references = [raise_concern(officer).reference for _ in range(50)]
        assert all(REFERENCE.fullmatch(reference) for reference in references)
        assert len(set(references)) == 50
        assert not is_monotonic(references)
        # Neither the order of the characters nor any run of digits gives the count away.
        pks = [str(pk) for pk in Concern.objects.order_by("pk").values_list("pk", flat=True)]
        assert sum(pk.zfill(5) in ref for pk, ref in zip(pks, references, strict=True)) == 0
        for one, two in zip(references, references[1:], strict=False):
            assert sum(a == b for a, b in zip(one[3:], two[3:], strict=True)) < 6

    def test_the_reference_is_stored_and_the_same_every_time(self, officer, safeguarding_lead):
        concern = raise_concern(officer)
        assert Concern.objects.get(pk=concern.pk).reference == concern.reference
        assert str(concern) == f"Concern {concern.reference}"
        read = services.concern_read(actor=safeguarding_lead, pk=concern.pk)
        assert read.reference == concern.reference

    def test_a_taken_reference_is_drawn_again(self, officer, monkeypatch):
        first = raise_concern(officer)
        draws = iter([first.reference, first.reference, "SC-ABCDEFGH"])
        monkeypatch.setattr(services, "new_concern_reference", lambda: next(draws))
        second = raise_concern(officer)
        assert second.reference == "SC-ABCDEFGH"
        assert Concern.objects.count() == 2
        assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE).count() == 2

    def test_a_reference_taken_every_time_gives_up_cleanly(self, officer, monkeypatch):
        first = raise_concern(officer)
        monkeypatch.setattr(services, "new_concern_reference", lambda: first.reference)
        with pytest.raises(IntegrityError):
            raise_concern(officer)
        assert Concern.objects.count() == 1


class TestShownAndFound:
    def test_pages_csv_and_api_show_and_search_the_new_reference(
        self, client_for, api_for, safeguarding_lead, officer
    ):
        concern = raise_concern(officer)
        other = raise_concern(officer)
        client = client_for(safeguarding_lead)
        listing = reverse("safeguarding:concern-list")
        detail = reverse("safeguarding:concern-detail", args=[concern.pk])
        assert concern.reference in client.get(detail).content.decode()
        csv = client.get(listing, {"format": "csv"})
        assert concern.reference in b"".join(csv.streaming_content).decode()
        for query in (concern.reference, concern.reference.lower(), concern.reference[3:]):
            page = client.get(listing, {"search": query}).content.decode()
            assert concern.reference in page and other.reference not in page, query
        api = api_for(safeguarding_lead)
        body = api.get(CONCERNS_API, {"search": concern.reference}).json()
        assert [row["reference"] for row in body["results"]] == [concern.reference]
        assert api.get(f"{CONCERNS_API}{concern.pk}/").json()["reference"] == concern.reference

    def test_a_raiser_gets_the_stored_reference(self, api_for, make_user, organisation):
        api = api_for(make_user(Role.PARTNER_WORKER, organisation=organisation))
        response = api.post(
            CONCERNS_API,
            {
                "what_happened": "x",
                "happened_at": "2026-10-15T10:00:00Z",
                "who_was_present": "x",
                "immediate_action": "x",
                "child_told": "x",
            },
            format="json",
        )
        assert response.status_code == 201
        assert response.json()["reference"] == Concern.objects.get().reference
        assert REFERENCE.fullmatch(response.json()["reference"])

    def test_a_made_up_sequential_reference_finds_nothing(self, officer, safeguarding_lead):
        concern = raise_concern(officer)
        from heard.safeguarding.filters import ConcernFilter

        queryset = selectors.concerns_visible_to(safeguarding_lead)
        found = ConcernFilter({"search": f"SC-{concern.pk:05d}"}, queryset=queryset).qs
        assert list(found) == []  # never its reference: only ones the migration replaced
        assert list(ConcernFilter({"search": "SC-99999999999"}, queryset=queryset).qs) == []
