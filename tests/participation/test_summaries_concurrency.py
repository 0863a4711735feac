"""Writes of the participation summaries at once: two sessions logged for the same young people
and group (the benchmark's mixed workload found it: a duplicate summary row, a 500), a change of a
group's kind beside a log or an import, an import beside a log. PostgreSQL only: SQLite runs one
writer."""

import datetime
import io
import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from heard.groups import services as group_services
from heard.groups.models import Group
from heard.participation import services, summaries
from heard.participation.models import QuarterlyParticipation
from tests import factories

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite lets one transaction write at a time"
    ),
]

ROUNDS = 12
START = datetime.date(2026, 9, 1)


def side_by_side(*writers: Callable[[int], None]) -> None:
    """Run each writer in a thread of its own (its own connection), ``ROUNDS`` rounds, all
    starting each round together; fail with what any of them raised."""
    barrier = threading.Barrier(len(writers))
    failures: list[BaseException] = []

    def run(write: Callable[[int], None]) -> None:
        try:
            for round_ in range(ROUNDS):
                barrier.wait(timeout=30)
                write(round_)
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)
            barrier.abort()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(write,)) for write in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a writer did not finish"
    assert failures == []


def kind_changer(officer, group: Group) -> Callable[[int], None]:
    """A writer that moves the group to or from Buddy Group each round."""
    current = [group]

    def change(_round: int) -> None:
        changed = current[0]
        kind = (
            Group.Kind.YOUTH_COUNCIL
            if changed.kind == Group.Kind.BUDDY_GROUP
            else Group.Kind.BUDDY_GROUP
        )
        current[0] = group_services.group_update(actor=officer, group=changed, kind=kind)

    return change


def importer(officer, group: Group, people) -> Callable[[int], None]:
    """A writer that imports three sessions of the group with these young people each round."""
    attendees = ";".join(person.reference for person in people)

    def imports(round_: int) -> None:
        day = START + datetime.timedelta(days=round_)
        rows = "".join(
            f"{day},group_session,{group.name},adult_initiated_shared,public,{attendees}\n"
            for _ in range(3)
        )
        result = services.sessions_import(
            actor=officer,
            file=io.StringIO("date,kind,group,degree,participation_type,attendees\n" + rows),
        )
        assert result.errors == [], result.errors

    return imports


def test_concurrent_logs_keep_the_summaries_exact(officer, organisation):
    group = factories.GroupFactory(host_organisation=organisation)
    people = [factories.YoungPersonFactory(organisation=organisation) for _ in range(6)]
    # Staff present with a current check: only a session with staff moves the visit clock.
    factories.BackgroundCheckFactory(staff=officer)

    def log_many(offset: int) -> Callable[[int], None]:
        return lambda round_: factories.logged_group_session(
            officer,
            group,
            people,
            START + datetime.timedelta(days=round_ + offset),
            staff_present=[officer],
        )

    side_by_side(log_many(0), log_many(20))
    assert summaries.differences() == (0, [])
    group.refresh_from_db()
    assert group.last_session_on == START + datetime.timedelta(days=31)


def test_a_change_of_kind_during_a_log_keeps_the_summaries_exact(officer, organisation):
    """A group changes kind (to or from Buddy Group) while a session of it is logged with young
    people new to it: their rows must carry the kind the group has once both are done."""
    group = factories.GroupFactory(host_organisation=organisation, kind=Group.Kind.BUDDY_GROUP)
    newcomers = [factories.YoungPersonFactory(organisation=organisation) for _ in range(ROUNDS)]

    def log_newcomer(round_: int) -> None:
        factories.logged_group_session(
            officer, group, [newcomers[round_]], START + datetime.timedelta(days=round_)
        )

    side_by_side(log_newcomer, kind_changer(officer, group))
    count, shown = summaries.differences()
    assert count == 0, shown


def test_an_import_beside_a_log_keeps_the_summaries_exact(officer, organisation):
    """An import merges its sessions into the rows kept (``summary_additions``) while a log of
    the same young people regroups theirs: each must see the other's rows whole."""
    group = factories.GroupFactory(host_organisation=organisation)
    people = [factories.YoungPersonFactory(organisation=organisation) for _ in range(6)]

    def logs(round_: int) -> None:
        factories.logged_group_session(
            officer, group, people, START + datetime.timedelta(days=round_)
        )

    side_by_side(importer(officer, group, people), logs)
    count, shown = summaries.differences()
    assert count == 0, shown


def test_a_change_of_kind_beside_an_import_keeps_the_summaries_exact(officer, organisation):
    """An import merges the kind its sessions' group has into the rows it adds to, while the
    group moves to or from Buddy Group: the import locks the group before it reads the kind, so
    its rows and the change's rewrite are each whole, and the rows end with the group's kind."""
    group = factories.GroupFactory(host_organisation=organisation, kind=Group.Kind.BUDDY_GROUP)
    people = [factories.YoungPersonFactory(organisation=organisation) for _ in range(6)]

    side_by_side(importer(officer, group, people), kind_changer(officer, group))
    count, shown = summaries.differences()
    assert count == 0, shown
    group.refresh_from_db()
    rows = QuarterlyParticipation.objects.filter(group=group)
    assert set(rows.values_list("group_kind", flat=True)) == {group.kind}
