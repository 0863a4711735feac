"""The engines the storage and two-server tests start for themselves, on loopback only: an
S3-compatible object store (moto's server, in a thread of the test's process) and a Redis
server (``redis-server`` on a unix socket in a temporary directory). Each is stopped at the end;
a test whose engine cannot start here is skipped, saying which.

moto serves S3's API but does not check a signed link's signature or its expiry (it serves any
request); a private bucket on S3, MinIO or Ceph refuses a link that is unsigned, tampered with
or expired. ``SignedLinkCheck`` puts that refusal in front of moto, as those stores do: a GET or
HEAD of an object must carry a Signature Version 4 query signature that is valid for the
store's secret key (recomputed here, independently of Heard and of boto3) and not expired.
Requests signed in the Authorization header (boto3's uploads and bucket set-up) go through.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import hmac
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote

import pytest
import requests

HOST = "127.0.0.1"
ACCESS_KEY = "heard-test-access-key"
SECRET_KEY = "heard-test-secret-key-not-for-production"  # noqa: S105 - a throwaway store
REGION = "eu-west-2"
BUCKET = "heard-files"


# --- The object store ---------------------------------------------------------------------------


def _sign(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def _query_signature(method: str, path: str, query: list[tuple[str, str]], host: str) -> str:
    """The Signature Version 4 query signature a link must carry (AWS's published algorithm)."""
    params = dict(query)
    amz_date = params["X-Amz-Date"]
    scope = params["X-Amz-Credential"].split("/", 1)[1]
    _date, region, service, _end = scope.split("/")
    canonical_query = "&".join(
        f"{quote(name, safe='-_.~')}={quote(value, safe='-_.~')}"
        for name, value in sorted(query)
        if name != "X-Amz-Signature"
    )
    signed = params["X-Amz-SignedHeaders"]
    headers = {"host": host}
    canonical_headers = "".join(f"{name}:{headers[name]}\n" for name in signed.split(";"))
    canonical = "\n".join(
        [method, quote(path, safe="/-_.~"), canonical_query, canonical_headers, signed]
        + ["UNSIGNED-PAYLOAD"]
    )
    to_sign = "\n".join(
        [
            "AWS4-HMAC-SHA256",
            amz_date,
            scope,
            hashlib.sha256(canonical.encode()).hexdigest(),
        ]
    )
    key = _sign(("AWS4" + SECRET_KEY).encode(), amz_date[:8])
    for part in (region, service, "aws4_request"):
        key = _sign(key, part)
    return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()


class SignedLinkCheck:
    """WSGI middleware in front of moto: a GET or HEAD of an object without a valid, unexpired
    query signature is refused 403, as a private bucket refuses it."""

    def __init__(self, app: Any) -> None:
        self.app = app
        #: (status, reason) of every object download answered, for the tests to read.
        self.answered: list[tuple[int, str]] = []

    def refuse(self, start_response: Any, reason: str) -> Iterable[bytes]:
        self.answered.append((403, reason))
        body = f"<Error><Code>AccessDenied</Code><Message>{reason}</Message></Error>".encode()
        start_response("403 Forbidden", [("Content-Type", "application/xml")])
        return [body]

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        path = environ.get("PATH_INFO", "")
        is_object = path.count("/") >= 2 and not path.startswith("/moto-api")
        if method not in {"GET", "HEAD"} or not is_object or "HTTP_AUTHORIZATION" in environ:
            return self.app(environ, start_response)
        query = parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        params = dict(query)
        if "X-Amz-Signature" not in params:
            return self.refuse(start_response, "Anonymous access is denied (private bucket)")
        host = environ.get("HTTP_HOST", "")
        if not hmac.compare_digest(
            params["X-Amz-Signature"], _query_signature(method, path, query, host)
        ):
            return self.refuse(start_response, "The request signature does not match")
        signed_at = datetime.datetime.strptime(params["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(
            tzinfo=datetime.UTC
        )
        expires = signed_at + datetime.timedelta(seconds=int(params["X-Amz-Expires"]))
        if datetime.datetime.now(datetime.UTC) > expires:
            return self.refuse(start_response, "Request has expired")
        self.answered.append((200, "signed"))
        return self.app(environ, start_response)


class ObjectStore:
    """moto's S3 server on a free loopback port, behind :class:`SignedLinkCheck`."""

    def __init__(self) -> None:
        from moto.moto_server.werkzeug_app import (
            DomainDispatcherApplication,
            MotoRequestHandler,
            create_backend_app,
        )
        from werkzeug.serving import make_server

        class Quiet(MotoRequestHandler):
            def log_request(self, *args: Any, **kwargs: Any) -> None:
                """No line a request in the test's output."""

        self.check = SignedLinkCheck(DomainDispatcherApplication(create_backend_app))
        self.server = make_server(HOST, 0, self.check, threaded=True, request_handler=Quiet)
        self.port = self.server.server_address[1]
        self.endpoint = f"http://{HOST}:{self.port}"

    def env(self, bucket: str = BUCKET, link_seconds: int = 60) -> dict[str, str]:
        """The STORAGE_* variables that point Heard at this store."""
        return {
            "STORAGE_BUCKET": bucket,
            "STORAGE_ENDPOINT_URL": self.endpoint,
            "STORAGE_ACCESS_KEY_ID": ACCESS_KEY,
            "STORAGE_SECRET_ACCESS_KEY": SECRET_KEY,
            "STORAGE_REGION": REGION,
            "STORAGE_LINK_SECONDS": str(link_seconds),
        }

    def client(self) -> Any:
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
        )

    def create_bucket(self, bucket: str = BUCKET) -> None:
        self.client().create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION}
        )

    def stored(self, bucket: str = BUCKET) -> list[str]:
        listed = self.client().list_objects_v2(Bucket=bucket)
        return [item["Key"] for item in listed.get("Contents", [])]


@contextlib.contextmanager
def object_store() -> Iterator[ObjectStore]:
    """Start the object store in a thread; stop it at the end."""
    import threading

    pytest.importorskip("moto.server", reason="moto[server] is not installed: no S3 server")
    store = ObjectStore()
    thread = threading.Thread(target=store.server.serve_forever, daemon=True)
    thread.start()
    # moto keeps its buckets in the process, across servers: start from none.
    requests.post(f"{store.endpoint}/moto-api/reset", timeout=10).raise_for_status()
    try:
        yield store
    finally:
        store.server.shutdown()
        thread.join(timeout=10)
        store.server.server_close()


# --- Redis --------------------------------------------------------------------------------------


class Redis:
    def __init__(self, directory: Path) -> None:
        self.socket = directory / "redis.sock"
        self.url = f"unix://{self.socket}"
        self.process: subprocess.Popen[bytes] | None = None


@contextlib.contextmanager
def redis_server() -> Iterator[Redis]:
    """``redis-server`` on a unix socket in a temporary directory (no TCP port, nothing saved);
    skipped when the binary is not installed."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed: the Redis tests need it (apt install redis)")
    with tempfile.TemporaryDirectory(prefix="heard-redis-") as directory:
        redis = Redis(Path(directory))
        redis.process = subprocess.Popen(  # noqa: S603
            [
                binary,
                "--port",
                "0",
                "--unixsocket",
                str(redis.socket),
                "--unixsocketperm",
                "700",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                directory,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 20
            while not redis.socket.exists():
                if redis.process.poll() is not None or time.monotonic() > deadline:
                    pytest.skip("redis-server did not start on a unix socket here")
                time.sleep(0.05)
            yield redis
        finally:
            redis.process.terminate()
            try:
                redis.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                redis.process.kill()
                redis.process.wait()
