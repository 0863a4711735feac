"""The CSV export of every session as a background job (issue 20), measured over HTTP on the
bench's gunicorn (``make run``'s, with its job worker: gunicorn.conf.py starts ``heard worker``).

As an administrator: the request for ``/sessions/?format=csv`` (it must answer, with the job's
page, in under ``TARGET_REQUEST_MS``); the job's page read every quarter second until it offers
the file (its progress noted on the way); then the file downloaded, its rows counted. The job
worker's resident memory is sampled throughout. ``run.py`` calls :func:`measure`.
"""

from __future__ import annotations

import http.client
import re
import threading
import time
from collections.abc import Callable
from typing import Any

TARGET_REQUEST_MS = 200.0
#: The longest the bench waits for the file.
WAIT_SECONDS = 3600
_PERCENT = re.compile(rb'id="job-progress" max="100" value="(\d+)"')
_DOWNLOAD = re.compile(rb'id="job-download" href="([^"]+)"')
_STOPPED = re.compile(rb"The job (failed|stopped)")


def _get(host: str, port: int, path: str, cookie: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection(host, port, timeout=120)
    try:
        conn.request("GET", path, headers={"Cookie": cookie})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


class _Peak:
    """The highest resident memory of the job workers, sampled every 50 ms."""

    def __init__(self, pids: Callable[[], list[int]], rss_mb: Callable[[int], float]) -> None:
        self.pids, self.rss_mb, self.peak = pids, rss_mb, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max([self.peak, *(self.rss_mb(pid) for pid in self.pids())])
            self._stop.wait(0.05)

    def __enter__(self) -> _Peak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def measure(
    host: str,
    port: int,
    cookie: str,
    *,
    job_workers: Callable[[], list[int]],
    rss_mb: Callable[[int], float],
) -> dict[str, Any]:
    result: dict[str, Any] = {"progress_seen": [], "error": ""}
    before = max((rss_mb(pid) for pid in job_workers()), default=0.0)
    with _Peak(job_workers, rss_mb) as peak:
        started = time.perf_counter()
        status, headers, _ = _get(host, port, "/sessions/?format=csv", cookie)
        result["request_ms"] = round((time.perf_counter() - started) * 1000, 1)
        result["status"] = status
        page_path = headers.get("Location", "")
        download = b""
        while status == 303 and time.perf_counter() - started < WAIT_SECONDS:
            _, _, page = _get(host, port, page_path, cookie)
            if found := _PERCENT.search(page):
                seen = result["progress_seen"]
                if not seen or seen[-1][1] != int(found.group(1)):
                    seen.append((round(time.perf_counter() - started, 1), int(found.group(1))))
            if found := _DOWNLOAD.search(page):
                download = found.group(1)
                break
            if found := _STOPPED.search(page):
                result["error"] = found.group(0).decode()
                break
            time.sleep(0.25)
        result["ready_seconds"] = round(time.perf_counter() - started, 1)
        rows = size = 0
        if download:
            conn = http.client.HTTPConnection(host, port, timeout=600)
            conn.request("GET", download.decode(), headers={"Cookie": cookie})
            response = conn.getresponse()
            while chunk := response.read(1 << 16):
                size += len(chunk)
                rows += chunk.count(b"\n")
            conn.close()
        result["download_seconds"] = round(
            time.perf_counter() - started - result["ready_seconds"], 1
        )
    result.update(
        rows=max(rows - 1, 0),
        megabytes=round(size / 1e6, 1),
        job_worker_rss_before_mb=round(before, 1),
        job_worker_peak_rss_mb=round(peak.peak, 1),
        # A few of the percentages the page showed, with when (s): the page moved.
        progress_seen=result["progress_seen"][:: max(1, len(result["progress_seen"]) // 8)],
    )
    return result
