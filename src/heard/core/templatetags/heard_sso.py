"""Single sign-on in templates: the sign-in page's button and the administrator's link, shown
only when single sign-on is on (``HEARD_SSO_ENABLED``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from heard.core.permissions import can
from heard.core.sso_services import CHANGE_PERMISSION

register = template.Library()


@register.simple_tag
def sso_provider() -> str:
    """The provider's name for the "Sign in with ..." button; empty when single sign-on is off."""
    if not getattr(settings, "HEARD_SSO_ENABLED", False):
        return ""
    return str(getattr(settings, "HEARD_SSO_PROVIDER_NAME", ""))


@register.simple_tag
def sso_settings_allowed(user: Any) -> bool:
    """Single sign-on is on and ``user`` may change its settings."""
    return bool(getattr(settings, "HEARD_SSO_ENABLED", False)) and can(user, CHANGE_PERMISSION)
