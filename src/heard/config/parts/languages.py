"""Welsh and English (issue 20): the portal and the public pages in either language.

Young people choose their language with the switch on the portal's pages (Django's
``set_language`` view at ``/i18n/setlang/``, which keeps the choice in the language cookie), or
their browser asks for one (``Accept-Language``). Staff pages stay in English whatever is chosen:
``heard.portal.languages.PortalLocaleMiddleware`` (Django's ``LocaleMiddleware``, applied only to
the young people's pages) decides. The Welsh text is in ``src/heard/locale/cy/LC_MESSAGES``
(docs/translation.md).
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import Any

#: The languages the young people's pages are offered in, each named in its own language.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]

MIDDLEWARE = "heard.portal.languages.PortalLocaleMiddleware"

#: Paths whose pages follow the chosen language; every other page is English (LANGUAGE_CODE).
TRANSLATED_PATHS = ("/portal/", "/you-said-we-did/")
#: Staff pages under those paths (issuing and revoking a young person's sign-in codes).
ENGLISH_ONLY_PATHS = ("/portal/codes/",)


def configure(settings: MutableMapping[str, Any], env: Mapping[str, str]) -> None:
    """Change ``settings`` (the settings module's namespace) for ``env``."""
    del env  # nothing to choose: both languages are always offered
    settings["LANGUAGES"] = list(LANGUAGES)
    settings["LOCALE_PATHS"] = [Path(settings["SRC_DIR"]) / "locale"]
    settings["HEARD_TRANSLATED_PATHS"] = TRANSLATED_PATHS
    settings["HEARD_ENGLISH_ONLY_PATHS"] = ENGLISH_ONLY_PATHS
    settings["LANGUAGE_COOKIE_SAMESITE"] = "Lax"
    settings["LANGUAGE_COOKIE_SECURE"] = settings.get("HTTPS", False)
    settings["LANGUAGE_COOKIE_HTTPONLY"] = True
    middleware = settings["MIDDLEWARE"]
    if MIDDLEWARE not in middleware:
        # After sessions, before CommonMiddleware (Django's order for LocaleMiddleware).
        middleware.insert(middleware.index("django.middleware.common.CommonMiddleware"), MIDDLEWARE)
