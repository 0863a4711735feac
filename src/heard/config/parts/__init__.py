"""Council-ready settings (issue 20), one module per part, each switched on by the environment.

Each module has ``configure(settings, env)``: it reads ``env`` (the process environment) and
changes the settings namespace it is given (``globals()`` of ``heard.config.settings``) in place.
With nothing set, each part keeps Heard's embedded defaults (nothing to install); one variable
switches it to the production engine (``OIDC_RP_CLIENT_ID``, ``REDIS_URL``, ``STORAGE_BUCKET``,
``NOTIFY_API_KEY``, ``SENTRY_DSN`` ...). Tests run ``configure`` on a fresh namespace and
environment of their own.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

from heard.config.parts import languages, messages, operations, replica, sso, storage, tasks

#: In the order they are applied: later parts may read what earlier ones set.
PARTS = (operations, storage, tasks, messages, sso, languages, replica)


def configure_all(settings: MutableMapping[str, Any], env: Mapping[str, str]) -> None:
    for part in PARTS:
        part.configure(settings, env)
