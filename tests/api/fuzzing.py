"""The API fuzzing's machinery, shared by ``tests/api/test_fuzz*.py``: every operation of the served
OpenAPI document, as every role that has a token.

Schemathesis generates requests from the document (``/api/v1/openapi.json``, read with a token as
a client would) and sends them through Heard's WSGI application: data that fits the document
(positive) and data that does not (negative), with a fixed seed and a bounded number of examples
for each operation, so that a run is the same every time and takes a bounded time. Every answer
must be no server error, have a documented status code, and have a body that the document
describes. Each example goes as the next role in turn, so every role meets every operation.

Path ids are, half the time or more, the id of a record of the world built for each operation (one
of each kind), and half the bodies name its records (``FIELDS``), so that reads and changes reach
real records and the services, not only 404s and "does not exist".

Each operation is a test of its own, in its own rolled-back transaction, and the operations are
dealt round-robin into ``SHARES`` files (``test_fuzz.py``, ``test_fuzz_2.py`` ...): under
``--dist loadfile`` pytest-xdist gives each file to one worker, so the workers share the fuzzing
(about 130 s of CPU when it was one test, which held one worker for all of it). The operations are
read at collection from the document drf-spectacular generates (the one the view serves);
``test_fuzz.py`` checks that they are the served document's, all of them.

The API's few DELETE operations are fuzzed like the rest: each operation starts from a world of
its own, so what one deletes or changes never reaches another. ``HEARD_FUZZ_EXAMPLES`` (default
12) sets the examples for each operation and mode; the requests are printed (``-s``).
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.generation import GenerationMode

from heard.core.roles import Role
from heard.participation.models import Method
from tests import factories
from tests.api.world import voice_world
from tests.conftest import tracer_off

EXAMPLES = int(os.environ.get("HEARD_FUZZ_EXAMPLES", "12"))
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]

#: How many files the operations are dealt into (each file names its share, 0 to SHARES - 1).
SHARES = 4

#: Every role that uses the API with a token (programme staff are all one role to the rules but
#: the participation lead; the administrator also reads staff and keeps background checks).
ROLES = [
    Role.ADMINISTRATOR,
    Role.PARTICIPATION_LEAD,
    Role.THEME_LEAD,
    Role.PARTNER_WORKER,
    Role.SAFEGUARDING_LEAD,
    Role.BOARD_MEMBER,
]

#: Operations left out, each with the reason (empty: none is).
KNOWN: dict[str, str] = {}

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@functools.cache
def operation_labels() -> tuple[str, ...]:
    """Every operation of the document, as schemathesis labels them ("GET /api/v1/groups/"), in
    the document's order: drf-spectacular's generator, as the served view runs it (no request, no
    database, so at collection)."""
    from drf_spectacular.generators import SchemaGenerator

    document = SchemaGenerator().get_schema(request=None, public=True)
    return tuple(
        f"{method.upper()} {path}"
        for path, item in document["paths"].items()
        for method in item
        if method in HTTP_METHODS
    )


def share(number: int) -> list[Any]:
    """The operations of one file, each a ``pytest.param`` (skipped, with the reason, when KNOWN
    lists it): every SHARES-th operation, so that each file gets some of every kind."""
    return [
        pytest.param(label, id=label, marks=[pytest.mark.skip(reason=KNOWN[label])])
        if label in KNOWN
        else pytest.param(label, id=label)
        for label in operation_labels()[number::SHARES]
    ]


#: The served document and schemathesis' reading of it, once per process (the same for every
#: role: drf-spectacular serves the public document): building it takes seconds of CPU.
_SERVED: dict[str, Any] = {}


def served_document(token: str) -> tuple[dict[str, Any], Any]:
    """``/api/v1/openapi.json`` as a client with the token reads it, and schemathesis' schema."""
    if not _SERVED:
        served = Client().get("/api/v1/openapi.json", headers={"Authorization": f"Token {token}"})
        assert served.status_code == 200
        _SERVED["document"] = served.json()
        _SERVED["schema"] = schemathesis.openapi.from_dict(_SERVED["document"])
    return _SERVED["document"], _SERVED["schema"]


def _world(users: dict[str, Any], organisation: Any) -> dict[str, list[int]]:
    """One record of each kind, in the partner worker's organisation and the theme lead's theme
    (so every role sees what its rules allow); the ids by path."""
    lead = users[Role.THEME_LEAD]
    world = voice_world(theme_lead=lead, organisation=organisation)
    world.session.methods.add(Method.objects.first())
    young_person = world.young_person
    concern = factories.ConcernFactory(young_person=young_person)
    check = factories.BackgroundCheckFactory(staff=lead)
    training = factories.TrainingRecordFactory(staff=lead)
    return {
        "/api/v1/young-people/": [young_person.pk],
        "/api/v1/organisations/": [organisation.pk],
        "/api/v1/staff/": [lead.pk, users[Role.PARTNER_WORKER].pk],
        "/api/v1/themes/": [world.theme.pk],
        "/api/v1/groups/": [world.group.pk],
        "/api/v1/memberships/": [world.membership.pk],
        "/api/v1/sessions/": [world.session.pk],
        "/api/v1/views/": [world.answered.pk, world.still_open.pk],
        "/api/v1/responses/": [world.response.pk],
        "/api/v1/consents/": [world.consent.pk],
        "/api/v1/safeguarding-concerns/": [concern.pk],
        "/api/v1/background-checks/": [check.pk],
        "/api/v1/training-records/": [training.pk],
    }


#: Body fields that name records, and the path whose records they name.
FIELDS = {
    "young_person": "/api/v1/young-people/",
    "young_people": "/api/v1/young-people/",
    "organisation": "/api/v1/organisations/",
    "host_organisation": "/api/v1/organisations/",
    "group": "/api/v1/groups/",
    "groups": "/api/v1/groups/",
    "theme": "/api/v1/themes/",
    "themes": "/api/v1/themes/",
    "session": "/api/v1/sessions/",
    "views": "/api/v1/views/",
    "response": "/api/v1/responses/",
    "lead": "/api/v1/staff/",
    "leads": "/api/v1/staff/",
    "champions": "/api/v1/staff/",
    "staff": "/api/v1/staff/",
    "staff_present": "/api/v1/staff/",
    "assigned_to": "/api/v1/staff/",
}


def _with_real_ids(value: Any, ids: dict[str, list[int]], key: str | None = None) -> Any:
    """``value`` with the records its fields name replaced by records of the world (items of a
    list of objects too, such as attendees or a group's theme links), so that changes can
    succeed and reach the services."""
    if isinstance(value, dict):
        return {name: _with_real_ids(item, ids, name) for name, item in value.items()}
    pool = ids.get(FIELDS.get(key or ""), [])
    if isinstance(value, list):
        if value and all(isinstance(item, dict) for item in value):
            return [_with_real_ids(item, ids) for item in value]
        return pool[:1] if pool and value else value
    if pool and isinstance(value, int | str) and not isinstance(value, bool):
        return pool[0]
    return value


def _known_ids(ids: dict[str, list[int]], path: str) -> list[int]:
    base = path.split("{id}")[0]
    return ids.get(base, [])


def _describe(case: Any, response: Any, problem: Any) -> str:
    return (
        f"{case.operation.label} path={case.path_parameters} query={case.query} "
        f"body={str(case.body)[:300]} -> {response.status_code}: {str(problem)[:600]}"
    )


@contextlib.contextmanager
def keeping_the_connection() -> Iterator[None]:
    """Requests to the WSGI application keep the test's database connection (as Django's test
    client does, which connects the signals again after each of its own requests): closing it
    at the end of a request would end the test's transaction on PostgreSQL."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def fuzz(label: str, make_user: Any, organisation: Any) -> None:
    """Fuzz the operation ``label`` as every role, in a world of its own; fail with every
    problem found (one line per operation, role and check)."""
    users = {
        role: make_user(role, organisation=organisation if role == Role.PARTNER_WORKER else None)
        for role in ROLES
    }
    ids = _world(users, organisation)
    tokens = {role: Token.objects.create(user=user).key for role, user in users.items()}
    _, schema = served_document(tokens[ROLES[0]])
    operation = schema.find_operation_by_label(label)
    assert operation is not None, f"{label} is not in the served document"
    app = get_wsgi_application()
    failures: dict[tuple[str, str, str], str] = {}
    calls: Counter[str] = Counter()
    answers: Counter[str] = Counter()
    # Each example as the next role, from a different role for each operation (its place in the
    # document), so that an operation with fewer examples than roles still meets them in turn.
    turn = itertools.count(operation_labels().index(label))
    started = time.process_time()
    known = _known_ids(ids, operation.path)
    # Coverage traces Heard's answers, not schemathesis' making and checking of the requests
    # (pure Python, about half the fuzzing's CPU under the tracer).
    with keeping_the_connection(), tracer_off() as traced:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(
                case=operation.as_strategy(generation_mode=mode),
                pick=st.sampled_from([None, *known]) if known else st.none(),
                real=st.booleans(),
            )
            @settings(
                max_examples=EXAMPLES,
                derandomize=True,
                database=None,
                deadline=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def run(case: Any, pick: int | None, real: bool) -> None:
                role = ROLES[next(turn) % len(ROLES)]
                if pick is not None and "id" in (case.path_parameters or {}):
                    case.path_parameters["id"] = pick
                if real and isinstance(case.body, dict):
                    case.body = _with_real_ids(case.body, ids)
                with traced():
                    response = case.call(
                        app=app, headers={"Authorization": f"Token {tokens[role]}"}
                    )
                calls[role] += 1
                answers[f"{case.method} {response.status_code}"] += 1
                try:
                    case.validate_response(response, checks=CHECKS)
                except BaseException as exc:  # a FailureGroup of the checks that failed
                    for problem in getattr(exc, "exceptions", [exc]):
                        key = (case.operation.label, role, type(problem).__name__)
                        failures.setdefault(key, f"as {role}: {_describe(case, response, problem)}")

            # Unsatisfiable: nothing in the operation can be made invalid (no parameters, no body).
            with contextlib.suppress(Unsatisfiable):
                run()

    print(
        f"\nfuzz {label}: {sum(calls.values())} requests in {time.process_time() - started:.1f} s "
        f"of CPU, {len(failures)} failures; by role {dict(calls)}; "
        f"answers {dict(sorted(answers.items()))}"
    )
    assert not failures, "\n".join(failures.values())
