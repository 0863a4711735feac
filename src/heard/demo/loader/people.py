"""The demo's people: staff with their checks and training, organisations, young people and
their consents."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Min

from heard.core import two_factor
from heard.core.models import Partnership
from heard.core.roles import Role
from heard.demo import data
from heard.demo.loader.base import Base
from heard.groups.models import Membership
from heard.people import services as people_services
from heard.people.models import YoungPerson
from heard.privacy import selectors as privacy_selectors
from heard.privacy import services as privacy_services
from heard.privacy.models import Consent
from heard.safeguarding import services as safeguarding_services


class People(Base):
    """Staff with their checks and training, organisations, and everyone's consents."""

    def _staff(self, spec: data.StaffSpec) -> None:
        organisation = self.organisations[spec.organisation] if spec.organisation else None
        self.staff[spec.email] = people_services.staff_create(
            actor=None,
            email=spec.email,
            full_name=spec.full_name,
            role=spec.role,
            organisation=organisation,
            password=data.DEMO_PASSWORD if spec.login else None,
            job_title=spec.job_title,
        )
        self.counts["staff"] += 1

    def _checks(self, number: int, spec: data.StaffSpec) -> None:
        """Staff who work with young people have had enhanced DBS checks all along (renewed every
        three years); one theme lead's is due within the month, for the "checks due" page."""
        staff = self.staff[spec.email]
        if spec.role == Role.BOARD_MEMBER:
            return
        three_years = datetime.timedelta(days=3 * 365)
        latest_issued = 1080 if spec.email == data.THEME_LEAD_EMAIL else 700
        for issued_ago in (1790, latest_issued):
            issued_on = self.ago(issued_ago)
            safeguarding_services.background_check_record(
                actor=None,
                staff=staff,
                certificate_number=f"{number:04d}{issued_ago:08d}",
                issued_on=issued_on,
                renewal_due=issued_on + three_years,
            )
            self.counts["background_checks"] += 1
        if spec.login:
            safeguarding_services.training_record_add(
                actor=None,
                staff=staff,
                course="Child protection training (level 1)",
                completed_on=self.ago(200),
                expires_on=self.ago(200) + three_years,
            )
            self.counts["training_records"] += 1
            if spec.role in settings.HEARD_TWO_FACTOR_ROLES:
                two_factor.totp_device_install(actor=None, user=staff, key=data.DEMO_TOTP_KEY)

    def _organisation(self, spec: data.OrganisationSpec) -> None:
        self.organisations[spec.key] = people_services.organisation_create(
            actor=None,
            name=spec.name,
            kind=spec.kind,
            area=spec.area,
            contact_name=spec.contact_name,
            contact_email=spec.contact_email,
            contact_phone=spec.contact_phone,
            champions=[self.staff[email] for email in spec.champions],
            notes=spec.notes,
        )
        self.counts["organisations"] += 1

    def _consents(self) -> None:
        """``data.CONSENT_PURPOSES`` for everyone (and photographs for most), given when they first
        joined a group, through the privacy service: a view may be quoted or published only with
        the consent of those who gave it. No random choices, so nothing else in the demo moves."""
        first_joined = dict(
            Membership.objects.values("young_person_id")
            .annotate(first=Min("joined_on"))
            .values_list("young_person_id", "first")
        )
        under = Partnership.current().parent_consent_under_age
        for number, young_person in enumerate(YoungPerson.objects.order_by("pk"), start=1):
            given_on = first_joined.get(young_person.pk, self.today)
            given_by = (
                Consent.GivenBy.PARENT_OR_CARER
                if privacy_selectors.may_be_under(young_person, under, on=given_on)
                else Consent.GivenBy.YOUNG_PERSON
            )
            purposes = list(data.CONSENT_PURPOSES)
            if number % data.PHOTOGRAPHS_NOT_GIVEN_EVERY:
                purposes.append(Consent.Purpose.PHOTOGRAPHS)
            for purpose in purposes:
                privacy_services.consent_record(
                    actor=None,
                    young_person=young_person,
                    purpose=purpose,
                    given_by=given_by,
                    given_on=given_on,
                    how=Consent.How.WRITTEN,
                )
                self.counts["consents"] += 1
