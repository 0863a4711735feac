"""Operating Heard: health checks, JSON logs with a request id, Sentry.

- ``LOG_FORMAT``: ``json`` (the default: one JSON object a line, for a log collector) or
  ``plain`` (one readable line, which ``make run`` and ``make dev`` ask for). Either way each
  line has the request's id and no personal data (heard.core.logging). ``LOG_LEVEL`` as before.
- Request ids (django-log-request-id): every response has an ``X-Request-ID`` header and every
  log line of the request the same id. Behind trusted proxies (``HEARD_TRUSTED_PROXY_COUNT``
  above 0) an ``X-Request-ID`` the proxy sends is kept, so its logs and Heard's share ids.
- ``/health/live/`` and ``/health/ready/`` (heard.core.health) answer plain HTTP even when
  ``HEARD_HTTPS`` redirects everything else to HTTPS: load balancers probe over HTTP.
- ``SENTRY_DSN``: errors go to Sentry (or any service that takes its envelopes), without
  request bodies, query strings, cookies, headers that could identify anyone, local variables,
  or user details other than the id. ``SENTRY_ENVIRONMENT`` (default ``production``),
  ``SENTRY_RELEASE`` and ``SENTRY_TRACES_SAMPLE_RATE`` (default 0: errors only).
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

LOG_FORMATS = ("json", "plain")
#: The request headers an error report keeps: none of them says who made the request.
SENTRY_HEADERS = frozenset({"content-type", "content-length", "host", "user-agent", "x-request-id"})


def configure(settings: MutableMapping[str, Any], env: Mapping[str, str]) -> None:
    """Change ``settings`` (the settings module's namespace) for ``env``."""
    settings["LOGGING"] = logging_config(settings.get("LOGGING", {}), env)
    _request_ids(settings)
    # Load balancers probe over plain HTTP, inside the network; everything else is redirected.
    settings["SECURE_REDIRECT_EXEMPT"] = [*settings.get("SECURE_REDIRECT_EXEMPT", []), r"^health/"]
    options = sentry_options(env)
    if options is not None:
        import sentry_sdk

        sentry_sdk.init(**options)


def logging_config(base: Mapping[str, Any], env: Mapping[str, str]) -> dict[str, Any]:
    """``LOGGING`` for ``LOG_FORMAT``: the loggers' levels of ``base``, one console handler."""
    log_format = env.get("LOG_FORMAT", "json").strip().lower() or "json"
    if log_format not in LOG_FORMATS:
        raise ImproperlyConfigured(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}")
    loggers = {name: dict(conf) for name, conf in base.get("loggers", {}).items()}
    # Django's own handlers (a plain console line when DEBUG, email to ADMINS with the request's
    # data) are replaced: its records go to the root's handler like everyone else's.
    loggers.setdefault("django", {}).update(handlers=[], propagate=True)
    loggers.setdefault("django.server", {}).update(handlers=["console"], propagate=False)
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "log_request_id.filters.RequestIDFilter"},
            "no_query_strings": {"()": "heard.core.logging.NoQueryStrings"},
        },
        "formatters": {
            "json": {"()": "heard.core.logging.JsonFormatter"},
            "plain": {"()": "heard.core.logging.PlainFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format,
                "filters": ["request_id", "no_query_strings"],
            }
        },
        "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "INFO")},
        "loggers": loggers,
    }


def _request_ids(settings: MutableMapping[str, Any]) -> None:
    middleware = settings["MIDDLEWARE"]
    if "heard.core.logging.RequestIdMiddleware" not in middleware:
        # First: every line any later middleware or view logs has the id.
        middleware.insert(0, "heard.core.logging.RequestIdMiddleware")
    settings["GENERATE_REQUEST_ID_IF_NOT_IN_HEADER"] = True
    settings["REQUEST_ID_RESPONSE_HEADER"] = "X-Request-ID"
    settings["LOG_REQUESTS"] = False  # gunicorn's access log has each request, path only
    # A client can send any header: only a trusted proxy's is believed.
    trusted = int(settings.get("HEARD_TRUSTED_PROXY_COUNT", 0) or 0) > 0
    settings["LOG_REQUEST_ID_HEADER"] = "HTTP_X_REQUEST_ID" if trusted else None


def sentry_options(env: Mapping[str, str]) -> dict[str, Any] | None:
    """``sentry_sdk.init``'s arguments for ``env``, or None without ``SENTRY_DSN``."""
    dsn = env.get("SENTRY_DSN", "").strip()
    if not dsn:
        return None
    from sentry_sdk.integrations.django import DjangoIntegration

    return {
        "dsn": dsn,
        "integrations": [DjangoIntegration()],
        # What the SDK collects at all (it replaces send_default_pii): no user details, cookies,
        # query strings, bodies, SQL parameters, job arguments or local variables; only the
        # harmless request headers. scrub_event then removes anything that slipped through.
        "data_collection": {
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_headers": {"request": {"mode": "allowlist", "terms": sorted(SENTRY_HEADERS)}},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "database_query_data": False,
            "queues": False,
            "stack_frame_variables": False,
        },
        "max_request_body_size": "never",
        "before_send": scrub_event,
        "before_send_transaction": scrub_event,
        "environment": env.get("SENTRY_ENVIRONMENT", "production"),
        "release": env.get("SENTRY_RELEASE") or None,
        "traces_sample_rate": float(env.get("SENTRY_TRACES_SAMPLE_RATE", "0") or "0"),
    }


def _without_query(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def scrub_event(event: dict[str, Any], hint: Any = None) -> dict[str, Any]:
    """An error report with nothing that could identify a young person or a user: the request's
    method, path and harmless headers; the user's id; breadcrumbs without their data."""
    from log_request_id import local

    request = event.get("request")
    if isinstance(request, dict):
        headers = request.get("headers") or {}
        event["request"] = {
            "method": request.get("method"),
            "url": _without_query(str(request.get("url") or "")),
            "headers": {k: v for k, v in headers.items() if k.lower() in SENTRY_HEADERS},
        }
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if user.get("id") is not None else {}
    breadcrumbs = event.get("breadcrumbs")
    if isinstance(breadcrumbs, dict):
        for crumb in breadcrumbs.get("values") or []:
            crumb.pop("data", None)
    request_id = getattr(local, "request_id", None)
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event
