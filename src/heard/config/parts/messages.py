"""Messages: email through Django's mail framework or GOV.UK Notify, reminders.

``HEARD_MESSAGE_BACKEND``: ``email`` (the default: Django's mail framework, SMTP when
``EMAIL_HOST`` is set, else the console for ``make run``) or ``notify`` (GOV.UK Notify, with
``NOTIFY_API_KEY`` and a template id per message kind, ``NOTIFY_TEMPLATE_<KIND>``; setting
``NOTIFY_API_KEY`` alone chooses it). ``HEARD_SITE_URL`` is the address links in messages start
with.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

#: The message kinds (``heard.messaging.models.Message.Kind``), for their Notify templates.
KINDS = (
    "feedback_told",
    "visits_overdue",
    "feedback_owed",
    "actions_due",
    "checks_due",
    "concerns_waiting",
)


def configure(settings: MutableMapping[str, Any], env: Mapping[str, str]) -> None:
    """Change ``settings`` (the settings module's namespace) for ``env``."""
    apps = settings["INSTALLED_APPS"]
    if "heard.messaging" not in apps:
        # Before Django's form templates, which must stay last.
        apps.insert(
            apps.index("django.forms") if "django.forms" in apps else len(apps), "heard.messaging"
        )
    notify_key = env.get("NOTIFY_API_KEY", "")
    settings["NOTIFY_API_KEY"] = notify_key
    settings["NOTIFY_BASE_URL"] = env.get(
        "NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk"
    )
    settings["NOTIFY_TEMPLATES"] = {
        kind: env.get(f"NOTIFY_TEMPLATE_{kind.upper()}", "") for kind in KINDS
    }
    settings["HEARD_MESSAGE_BACKEND"] = env.get(
        "HEARD_MESSAGE_BACKEND", "notify" if notify_key else "email"
    )
    settings["HEARD_SITE_URL"] = env.get("HEARD_SITE_URL", "http://localhost:8000").rstrip("/")
    testing = env.get("HEARD_TESTING", "").lower() in ("1", "true", "yes", "on")
    if env.get("EMAIL_HOST") and not env.get("EMAIL_BACKEND") and not testing:
        settings["EMAIL_BACKEND"] = "django.core.mail.backends.smtp.EmailBackend"
