"""Two sessions logged at once for the same young people and group (the benchmark's mixed
workload found it: a duplicate summary row, a 500). PostgreSQL only: SQLite runs one writer."""

import datetime
import threading

import pytest
from django.db import connection, connections

from heard.participation import services, summaries
from heard.participation.models import Degree, ParticipationType
from tests import factories

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite lets one transaction write at a time"
    ),
]

ROUNDS = 12


def test_concurrent_logs_keep_the_summaries_exact(officer, organisation):
    group = factories.GroupFactory(host_organisation=organisation)
    people = [factories.YoungPersonFactory(organisation=organisation) for _ in range(6)]
    # Staff present with a current check: only a session with staff moves the visit clock.
    factories.BackgroundCheckFactory(staff=officer)
    barrier = threading.Barrier(2)
    failures: list[BaseException] = []

    def log_many(offset: int) -> None:
        try:
            for round_ in range(ROUNDS):
                barrier.wait(timeout=30)
                services.session_log(
                    actor=officer,
                    date=datetime.date(2026, 9, 1) + datetime.timedelta(days=round_ + offset),
                    kind="group_session",
                    degree=Degree.ADULT_INITIATED_SHARED,
                    participation_type=ParticipationType.PUBLIC,
                    group=group,
                    attendees=people,
                    staff_present=[officer],
                )
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            failures.append(exc)
            barrier.abort()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=log_many, args=(offset,)) for offset in (0, 20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert summaries.differences() == (0, [])
    group.refresh_from_db()
    assert group.last_session_on == datetime.date(2026, 9, 1) + datetime.timedelta(days=31)


def test_a_change_of_kind_during_a_log_keeps_the_summaries_exact(officer, organisation):
    """A group changes kind (to or from Buddy Group) while a session of it is logged with young
    people new to it: their rows must carry the kind the group has once both are done."""
    from heard.groups import services as group_services
    from heard.groups.models import Group

    group = factories.GroupFactory(host_organisation=organisation, kind=Group.Kind.BUDDY_GROUP)
    newcomers = [factories.YoungPersonFactory(organisation=organisation) for _ in range(ROUNDS)]
    barrier = threading.Barrier(2)
    failures: list[BaseException] = []

    def log_newcomers() -> None:
        try:
            for round_, person in enumerate(newcomers):
                barrier.wait(timeout=30)
                services.session_log(
                    actor=officer,
                    date=datetime.date(2026, 9, 1) + datetime.timedelta(days=round_),
                    kind="group_session",
                    degree=Degree.ADULT_INITIATED_SHARED,
                    participation_type=ParticipationType.PUBLIC,
                    group=group,
                    attendees=[person],
                )
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            failures.append(exc)
            barrier.abort()
        finally:
            connections.close_all()

    def change_kinds() -> None:
        try:
            changed = group
            for _ in range(ROUNDS):
                barrier.wait(timeout=30)
                kind = (
                    Group.Kind.YOUTH_COUNCIL
                    if changed.kind == Group.Kind.BUDDY_GROUP
                    else Group.Kind.BUDDY_GROUP
                )
                changed = group_services.group_update(actor=officer, group=changed, kind=kind)
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            failures.append(exc)
            barrier.abort()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=log_newcomers), threading.Thread(target=change_kinds)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    count, shown = summaries.differences()
    assert count == 0, shown


def test_an_import_beside_a_log_keeps_the_summaries_exact(officer, organisation):
    """An import merges its sessions into the rows kept (``summary_additions``) while a log of
    the same young people regroups theirs: each must see the other's rows whole."""
    import io

    group = factories.GroupFactory(host_organisation=organisation)
    people = [factories.YoungPersonFactory(organisation=organisation) for _ in range(6)]
    attendees = ";".join(person.reference for person in people)
    barrier = threading.Barrier(2)
    failures: list[BaseException] = []

    def run(write) -> None:
        try:
            for round_ in range(ROUNDS):
                barrier.wait(timeout=30)
                write(datetime.date(2026, 9, 1) + datetime.timedelta(days=round_))
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            failures.append(exc)
            barrier.abort()
        finally:
            connections.close_all()

    def imports(day: datetime.date) -> None:
        rows = "".join(
            f"{day},group_session,{group.name},adult_initiated_shared,public,{attendees}\n"
            for _ in range(3)
        )
        result = services.sessions_import(
            actor=officer,
            file=io.StringIO("date,kind,group,degree,participation_type,attendees\n" + rows),
        )
        assert result.errors == [], result.errors

    def logs(day: datetime.date) -> None:
        services.session_log(
            actor=officer,
            date=day,
            kind="group_session",
            degree=Degree.ADULT_INITIATED_SHARED,
            participation_type=ParticipationType.PUBLIC,
            group=group,
            attendees=people,
        )

    threads = [threading.Thread(target=run, args=(write,)) for write in (imports, logs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    count, shown = summaries.differences()
    assert count == 0, shown
