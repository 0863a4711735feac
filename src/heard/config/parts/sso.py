"""Single sign-on with the council's OpenID Connect provider (mozilla-django-oidc)."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any


def configure(settings: MutableMapping[str, Any], env: Mapping[str, str]) -> None:
    """Change ``settings`` (the settings module's namespace) for ``env``."""
