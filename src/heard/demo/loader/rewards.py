"""The demo's recognition and expenses (issue 19, M16), entered through the services as the
system.

Seeds 000 and 002 reward young people's time and pay their expenses so nobody is out of
pocket, and pay partners' invoices for agreed costs. The demo has: session hours for the
latest sessions and default hours per kind; certificates, an accreditation, vouchers and hours
for a few young people (the portal's demo young person, who took part most, among them);
expense claims in each status (one waiting for a decision in the demo partner worker's
organisation, with two items and a receipt); and two partner invoices.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count

from heard.demo.loader.base import Base
from heard.participation.models import Session
from heard.people.models import YoungPerson
from heard.rewards import services as reward_services
from heard.rewards.models import ExpenseClaim

#: The demo partner worker's organisation (``data.PARTNER_EMAIL``'s).
PARTNER_ORGANISATION = "harbour"
#: Default hours per kind of session that the participation lead set.
DEFAULT_HOURS = {"event": "5", "panel": "3", "group_session": "2", "visit": "1.5"}
#: The latest sessions whose own hours are set.
SESSIONS_WITH_HOURS = 3
#: A one-pixel PNG: the demo's photo of a bus ticket.
RECEIPT = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


class Rewards(Base):
    """Recognitions, hours, expense claims and partner invoices."""

    def _rewards(self) -> None:
        self._reward_hours()
        people = self._recognised_people()
        for number, person in enumerate(people):
            self._recognitions(number, person)
        self._claims(people)
        self._invoices()

    def _reward_hours(self) -> None:
        for kind, hours in DEFAULT_HOURS.items():
            reward_services.hours_default_set(actor=None, session_kind=kind, hours=hours)
        latest = Session.objects.filter(attendances__isnull=False).distinct()
        for session in latest.order_by("-date", "-pk")[:SESSIONS_WITH_HOURS]:
            reward_services.session_hours_set(actor=None, session=session, hours="2.5")
        self.counts["session hours"] += SESSIONS_WITH_HOURS

    def _recognised_people(self) -> list[YoungPerson]:
        """The young person who took part most (the portal's demo young person), and the first
        young people of the demo partner worker's organisation and of another."""
        times = YoungPerson.objects.annotate(times=Count("attendances"))
        most = times.order_by("-times", "pk").first()
        partner = self.organisations[PARTNER_ORGANISATION]
        others = list(YoungPerson.objects.filter(organisation=partner).order_by("pk")[:2])
        others += list(YoungPerson.objects.exclude(organisation=partner).order_by("pk")[:2])
        people = [most] if most is not None else []
        return people + [person for person in others if person not in people]

    def _recognitions(self, number: int, person: YoungPerson) -> None:
        def give(kind: str, title: str, days_ago: int, **details: Any) -> None:
            reward_services.recognition_give(
                actor=None,
                young_person=person,
                kind=kind,
                title=title,
                date=self.ago(days_ago),
                organisation=person.organisation,
                **details,
            )

        give("certificate", "Member of the youth interview panel", 30 + number)
        if number % 2 == 0:
            voucher = {"voucher_value": Decimal("10.00"), "voucher_supplier": "Love2shop"}
            give("voucher", "Thank you for the annual survey", 20 + number, **voucher)
        if number == 0:
            award = {"accreditation_body": "ASDAN", "accreditation_level": "Bronze"}
            give("accreditation", "Youth participation award", 60, **award)
            give("hours", "Planning the annual event", 45, hours=Decimal("6"))
        self.counts["recognitions"] += 1 + (number % 2 == 0) + 2 * (number == 0)

    def _claims(self, people: list[YoungPerson]) -> None:
        partner = self.organisations[PARTNER_ORGANISATION]
        own = [person for person in people if person.organisation_id == partner.pk]
        elsewhere = [person for person in people if person.organisation_id != partner.pk]
        for_partner = own[0] if own else people[0]
        waiting = self._claim(for_partner, "Youth council in town", receipt=True)
        reward_services.item_add(
            actor=None,
            claim=waiting,
            kind="subsistence",
            date=self.ago(3),
            description="Lunch at the youth council",
            amount=Decimal("5.50"),
        )
        approved = self._claim(own[-1] if own else people[0], "Trip to the county hall")
        reward_services.claim_approve(actor=None, claim=approved)
        other = elsewhere[0] if elsewhere else people[0]
        paid = reward_services.claim_approve(
            actor=None, claim=self._claim(other, "Annual event travel")
        )
        reward_services.claim_pay(
            actor=None,
            claim=paid,
            paid_on=paid.decided_on or self.today,
            payment_reference="BACS-DEMO-001",
        )
        rejected = self._claim(other, "Taxi home after the panel")
        reward_services.claim_reject(
            actor=None,
            claim=rejected,
            rejection_reason="Taxis need agreeing first: we have paid the bus fare instead.",
        )
        self.counts["expense claims"] += 4

    def _claim(self, person: YoungPerson, purpose: str, *, receipt: bool = False) -> ExpenseClaim:
        item: dict[str, object] = {
            "kind": "travel",
            "date": self.ago(3),
            "description": "Return bus fare",
            "amount": Decimal("4.20"),
        }
        if receipt:
            item["receipt"] = SimpleUploadedFile("bus-ticket.png", RECEIPT, "image/png")
        return reward_services.claim_submit(
            actor=None,
            organisation=person.organisation,
            young_person=person,
            purpose=purpose,
            items=[item],
        )

    def _invoices(self) -> None:
        start, end = self.ago(120), self.ago(30)
        for organisation, reference, description, amount in (
            (PARTNER_ORGANISATION, "HB-2026-014", "Buddy Group room hire and snacks", "480.00"),
            ("riverside_yos", "RY-0211", "Transport to the annual event", "265.50"),
        ):
            invoice = reward_services.invoice_record(
                actor=None,
                organisation=self.organisations[organisation],
                reference=reference,
                period_start=start,
                period_end=end,
                description=description,
                amount=Decimal(amount),
            )
        # The partner's own waits for a decision; the other is approved, to be paid.
        reward_services.invoice_approve(actor=None, invoice=invoice)
        self.counts["partner invoices"] += 2
