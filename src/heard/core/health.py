"""Health endpoints for load balancers and orchestrators (django-health-check).

``/health/live/`` answers 200 while the process serves requests: it reaches nothing, so a
database outage never makes a load balancer restart every app server at once.
``/health/ready/`` runs the checks of everything a request may need: each database (a read
replica too), each cache, the default file storage, and the background job queue. It answers
200 when all pass and 503 when any fails, so a load balancer stops sending requests to an app
server that cannot serve them.

Both answer JSON, need no sign-in and say nothing about the deployment beyond each check's
name and "ok" or "unavailable": why a check failed goes to the log (logger ``health_check``),
not to whoever asks. ``ALLOWED_HOSTS`` still applies: a load balancer's probe must send a
``Host`` header that Heard accepts.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections, router
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from health_check.base import HealthCheck
from health_check.checks import Cache, Database, Storage
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView
from redis.exceptions import RedisError


@dataclasses.dataclass
class Queue(HealthCheck):
    """The background job queue answers: whichever django-tasks backend is configured.

    The database backend (``django_tasks_db``): its table of jobs can be read. RQ
    (``django_tasks_rq``): the Redis of each of its queues answers a ping. A backend that runs
    jobs in the process (immediate, dummy) has nothing to reach.
    """

    alias: str = "default"

    def run(self) -> None:
        from django_tasks import task_backends
        from django_tasks.exceptions import InvalidTaskBackendError

        try:
            backend = task_backends[self.alias]
        except InvalidTaskBackendError as error:
            raise ServiceUnavailable("Task backend alias does not exist") from error
        try:
            _probe(backend)
        except (DatabaseError, RedisError, OSError) as error:
            raise ServiceUnavailable(type(error).__name__) from error


def _probe(backend: Any) -> None:
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_rq.backend import RQBackend

    if isinstance(backend, DatabaseBackend):
        from django_tasks_db.models import DBTaskResult

        alias = router.db_for_read(DBTaskResult)
        try:
            DBTaskResult.objects.using(alias).exists()
        finally:
            # This runs on one of the view's executor threads: leave no connection open there.
            connections[alias].close()
    elif isinstance(backend, RQBackend):
        import django_rq

        for name in sorted(backend.queues):
            django_rq.get_connection(name).ping()


def _label(check: HealthCheck) -> str:
    name = type(check).__name__.lower()
    alias = getattr(check, "alias", "default")
    return name if alias == "default" else f"{name}:{alias}"


def readiness_checks() -> Iterator[HealthCheck]:
    """Every database, every cache, the default storage and the job queue."""
    for alias in settings.DATABASES:
        yield Database(alias=alias)
    for alias in settings.CACHES:
        yield Cache(alias=alias)
    yield Storage(alias="default")
    yield Queue(alias="default")


class _HealthView(HealthCheckView):
    """django-health-check's view, answering JSON only and 503 (not 500) when a check fails:
    load balancers read the status, and a 503 says "try another server"."""

    def get_checks(self) -> Iterator[HealthCheck]:
        return iter(())

    async def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        with self.get_executor() as executor:
            self.results = await asyncio.gather(
                *(check.get_result(executor) for check in self.get_checks())
            )
        checks = {
            _label(result.check): "unavailable" if result.error else "ok" for result in self.results
        }
        failed = any(result.error for result in self.results)
        response = JsonResponse(
            {"status": "unavailable" if failed else "ok", "checks": checks},
            status=503 if failed else 200,
        )
        # Each failed check is logged (a warning of health_check's); Django's request logger
        # would add an error for every probe while a dependency is down, and so would Sentry.
        response._has_been_logged = True  # type: ignore[attr-defined]
        return response


class LiveView(_HealthView):
    """The process is up and serving: no dependency is reached."""


class ReadyView(_HealthView):
    """Every dependency of a request answers."""

    def get_checks(self) -> Iterator[HealthCheck]:
        return readiness_checks()


app_name = "health"

urlpatterns = [
    path("live/", csrf_exempt(LiveView.as_view()), name="live"),
    path("ready/", csrf_exempt(ReadyView.as_view()), name="ready"),
]
