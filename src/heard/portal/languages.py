"""The language of a page: the young people's pages follow the chosen one, staff pages English.

Django's ``LocaleMiddleware`` takes the language from the language cookie (set by the switch on
the portal's pages, ``django.views.i18n.set_language``) or the browser's ``Accept-Language``; no
URL carries a language prefix. Here it applies only under ``HEARD_TRANSLATED_PATHS`` (the portal
and the public "you said, we did" pages): every other page is activated in ``LANGUAGE_CODE``, so a
member of staff whose browser prefers Welsh still sees Heard's English pages, dates included,
until their strings are translated (docs/translation.md).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


def is_translated(path: str) -> bool:
    """Whether the page at ``path`` follows the language the young person chose."""
    if path.startswith(tuple(getattr(settings, "HEARD_ENGLISH_ONLY_PATHS", ()))):
        return False
    return path.startswith(tuple(getattr(settings, "HEARD_TRANSLATED_PATHS", ())))


class PortalLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        if is_translated(request.path_info):
            super().process_request(request)
            return
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE  # type: ignore[attr-defined]

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if is_translated(request.path_info):
            return super().process_response(request, response)
        return response
