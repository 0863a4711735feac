"""The demo's themes and groups, with their stages and members."""

from __future__ import annotations

import datetime

from heard.core.roles import AgeBand
from heard.demo import data
from heard.demo.loader.base import Base, _Member
from heard.groups import services as group_services
from heard.groups.models import Group
from heard.groups.selectors import period_for
from heard.people import services as people_services
from heard.people.models import YoungPerson


class Groups(Base):
    """Themes with their reviews, and groups with their stages and members (new young people
    on the register, or members of another group)."""

    def _theme(self, spec: data.ThemeSpec) -> None:
        theme = group_services.theme_create(
            actor=None,
            title=spec.title,
            period=period_for(self.today),
            lead=self.staff[spec.lead],
            description=spec.description,
        )
        self.themes[spec.title] = theme
        self.counts["themes"] += 1
        for days_ago, summary, decision in spec.reviews:
            group_services.theme_review_add(
                actor=None, theme=theme, date=self.ago(days_ago), summary=summary, decision=decision
            )
            self.counts["theme_reviews"] += 1

    def _group(self, spec: data.GroupSpec) -> None:
        start = self.ago(spec.start_days_ago)
        buddy = spec.kind == Group.Kind.BUDDY_GROUP
        themes = [(self.themes[spec.theme], spec.relationship)] if spec.theme else []
        group = group_services.group_create(
            actor=None,
            name=spec.name,
            kind=spec.kind,
            host_organisation=self.organisations[spec.host],
            leads=[self.staff[spec.lead]],
            themes=themes,
            # A Buddy Group walks its lifecycle from the first visit; a standing council just is.
            stage=Group.Stage.PROPOSED if buddy else spec.stage,
            start_date=start,
            planned_end_date=start + datetime.timedelta(days=data.BUDDY_GROUP_DAYS)
            if buddy
            else None,
            cadence=spec.cadence,
            description=spec.description,
        )
        self.groups[spec.key] = group
        self.counts["groups"] += 1
        if buddy:
            for stage in data.STAGE_ORDER[: data.STAGE_ORDER.index(spec.stage) + 1]:
                days_ago = spec.start_days_ago - data.STAGE_OFFSETS[stage]
                group_services.group_move_stage(
                    actor=None,
                    group=group,
                    to_stage=stage,
                    date=self.ago(days_ago),
                    note=_STAGE_NOTES[stage],
                )
                self.counts["stage_changes"] += 1
        self._members(spec, group, buddy)

    def _members(self, spec: data.GroupSpec, group: Group, buddy: bool) -> None:
        """New young people and some from the groups ``spec`` shares members with join; now and
        then one moves on."""
        members: list[_Member] = []
        joiners = [self._young_person(spec) for _ in range(spec.members)]
        for source_key, count in spec.shared_from:
            eligible = [
                member.young_person
                for member in self.members[source_key]
                if member.young_person.age_band in spec.bands
                and member.left_ago is None
                and self.group_count[member.young_person.pk] < 2  # one or two groups each
            ]
            joiners += self.rng.sample(eligible, min(count, len(eligible)))
        for young_person in joiners:
            joined_ago = self._joined_ago(spec, buddy)
            membership = group_services.membership_add(
                actor=None, group=group, young_person=young_person, joined_on=self.ago(joined_ago)
            )
            members.append(_Member(young_person, membership, joined_ago))
            self.group_count[young_person.pk] += 1
            self.counts["memberships"] += 1
        # Now and then someone moves on.
        if len(members) >= 6 and self.rng.random() < 0.3:
            leaver = self.rng.choice(members)
            if leaver.joined_ago > 40:
                leaver.left_ago = self.rng.randint(5, leaver.joined_ago - 30)
                group_services.membership_end(
                    actor=None, membership=leaver.membership, left_on=self.ago(leaver.left_ago)
                )
                self.counts["memberships_ended"] += 1
        self.members[spec.key] = members

    def _young_person(self, spec: data.GroupSpec) -> YoungPerson:
        rng = self.rng
        band = rng.choice(spec.bands)
        organisation_key = rng.choice(spec.supporters or (spec.host,))
        first_name = rng.choice(data.FIRST_NAMES)
        # Never the same first name, band and organisation twice: the register's duplicate check.
        while (first_name.lower(), band, organisation_key) in self.used_names:
            first_name = rng.choice(data.FIRST_NAMES)
        self.used_names.add((first_name.lower(), band, organisation_key))
        last_name = rng.choice(data.LAST_NAMES)
        preferred = data.PREFERRED_NAMES.get(first_name, "") if rng.random() < 0.5 else ""
        communication_needs, access_needs = (
            rng.choice(spec.needs) if rng.random() < spec.needs_rate else ("", "")
        )
        older = band in (AgeBand.AGE_16_17, AgeBand.AGE_18_25)
        contact = (
            rng.choice(
                (
                    YoungPerson.ContactPreference.VIA_WORKER,
                    YoungPerson.ContactPreference.TEXT,
                    YoungPerson.ContactPreference.EMAIL,
                )
            )
            if older
            else YoungPerson.ContactPreference.VIA_WORKER
        )
        organisation = self.organisations[organisation_key]
        young_person = people_services.young_person_create(
            actor=None,
            first_name=first_name,
            last_name=last_name,
            preferred_name=preferred,
            age_band=band,
            organisation=organisation,
            area=organisation.area,
            communication_needs=communication_needs,
            access_needs=access_needs,
            contact_preference=contact,
        )
        self.counts["young_people"] += 1
        return young_person

    def _joined_ago(self, spec: data.GroupSpec, buddy: bool) -> int:
        rng = self.rng
        if buddy:
            # Most join at the first visit; some a little later.
            if rng.random() < 0.2 and spec.start_days_ago > 20:
                return spec.start_days_ago - rng.randint(7, min(90, spec.start_days_ago - 10))
            return spec.start_days_ago
        return rng.randint(30, min(720, spec.start_days_ago))


_STAGE_NOTES: dict[str, str] = {
    Group.Stage.FIRST_VISIT: "Initial visit: heard what the group does and introduced 11 MILLION.",
    Group.Stage.PLANNING: "Both sides agreed a Buddy Group partnership is worth pursuing.",
    Group.Stage.ESTABLISHED: "Planning meeting held: ground rules, dates and contacts agreed.",
    Group.Stage.ACTIVE: "Meeting monthly and feeding views into the Policy Team's work.",
}
