"""A list export as a job: the list's own view runs again, as its requester, at run time.

The job keeps the list's path, its query string (search, filters, ``format``); the runner builds
that GET request for the requesting user and calls the view the path resolves to, so the view's
permission checks apply again now. The view sees ``request.heard_job`` (the run's
:class:`~heard.jobs.progress.Progress`): it exports however many rows there are and counts them
through it (``heard.core.lists``). The download is written to a temporary file; the job keeps it
only once it is whole.

The view runs, and its rows are read, inside ``heard.core.replica.reading_for_reports``: from
the read replica when there is one, so a national export does not load the primary. The job's
progress is still written to the primary (writes always are). On PostgreSQL the replica's reads
share one transaction, as the primary's do in ``heard.core.exports.stream``: the rows stream
through a cursor as they are read rather than being computed and stored whole first.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import resolve
from django.utils.translation import gettext as _

from heard.core.replica import read_alias, reading_for_reports
from heard.jobs.models import Job
from heard.jobs.progress import Progress
from heard.jobs.registry import Result

_FILENAME = re.compile(r'filename="([^"]+)"')


class ExportRefused(Exception):
    """The list no longer gives this user the export (permissions changed, list gone)."""


def export_params(path: str, query: QueryDict, export_format: str) -> dict[str, Any]:
    """What an export job keeps: the list's path, its query string and the format."""
    query = query.copy()
    query.pop("page", None)
    query["format"] = export_format
    return {"path": path, "query": query.urlencode(), "format": export_format}


def build_request(job: Job, progress: Progress) -> Any:
    request = RequestFactory().get(job.params["path"], QueryDict(job.params["query"]))
    # An export is its requester's: never Heard's own (a system job, heard.jobs.policies).
    request.user = job.requested_by or AnonymousUser()
    request.heard_job = progress  # type: ignore[attr-defined]
    return request


@contextmanager
def reading_the_replica() -> Iterator[None]:
    """Reads from the replica if there is one, in one transaction of its own on PostgreSQL
    (not on SQLite, whose transactions take the write lock: ``heard.config.settings``)."""
    with reading_for_reports():
        alias = read_alias()
        if alias == DEFAULT_DB_ALIAS or connections[alias].vendor != "postgresql":
            yield
            return
        with transaction.atomic(using=alias):
            yield


def run_export(job: Job, progress: Progress) -> Result:
    request = build_request(job, progress)
    match = resolve(job.params["path"])
    with reading_the_replica():
        response = match.func(request, *match.args, **match.kwargs)
        if response.status_code != 200 or not getattr(response, "streaming", False):
            raise ExportRefused(
                _("The list answered %(status_code)s") % {"status_code": response.status_code}
            )
        found = _FILENAME.search(response.get("Content-Disposition", ""))
        name = found.group(1) if found else f"export.{job.params['format']}"
        with tempfile.NamedTemporaryFile(prefix="heard-job-", delete=False) as target:
            try:
                for chunk in response.streaming_content:
                    target.write(chunk)
            except BaseException:
                Path(target.name).unlink(missing_ok=True)
                raise
            finally:
                response.close()
    return Result(path=Path(target.name), name=name)
