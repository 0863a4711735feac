"""Operating Heard: health checks, JSON logs with a request id, Sentry."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any


def configure(settings: MutableMapping[str, Any], env: Mapping[str, str]) -> None:
    """Change ``settings`` (the settings module's namespace) for ``env``."""
