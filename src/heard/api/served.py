"""The OpenAPI document /api/v1/openapi.json serves and the API reference page drawn from it,
made once per process for each language and API version, then kept.

Both come from the code alone: drf-spectacular's generator walks the URL patterns, viewsets and
serializers (the same for every reader: the document is public to staff, ``SERVE_PUBLIC``), and
the reference is drawn from the document. Made for every request they cost 0.5 s of CPU for the
document (1.4 MB) and 2.1 s for the reference (2.6 MB of HTML), the same work each time.

A change of a setting they are made from (``setting_changed``, as ``override_settings`` sends, for
``MADE_FROM``) forgets both;
while drf-spectacular's own settings are patched (its ``patched_settings``, for a view with custom
settings) nothing is kept or served from what was kept. A language or version Heard does not have
(``?lang=``, ``?version=``, as the reader writes them) is answered and not kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation
from drf_spectacular.settings import spectacular_settings
from rest_framework.settings import api_settings

T = TypeVar("T")

#: (language, API version) -> the document, and the reference page's content drawn from it.
Key = tuple[str | None, str | None]
_documents: dict[Key, dict[str, Any]] = {}
_references: dict[Key, str] = {}


def _patched() -> bool:
    """drf-spectacular's settings are patched for the moment (``apply_patches`` keeps the values
    it replaced until ``clear_patches``)."""
    return bool(getattr(spectacular_settings, "_original_settings", None))


def _keeps(language: str | None, version: str | None) -> bool:
    """Only Heard's languages and versions are kept: ``?lang=`` and ``?version=`` are the
    reader's to write, and each value kept would hold a document in memory for good."""
    versions = api_settings.ALLOWED_VERSIONS or ()
    return language in {code for code, _ in settings.LANGUAGES} and (
        version is None or version in versions
    )


def _kept(store: dict[Key, T], version: str | None, make: Callable[[], T]) -> T:
    """What ``make`` gives for the active language and ``version``, made the first time only.
    Two requests that find nothing both make it, and the first kept is the one kept (the same
    thing, from the same code)."""
    key = (translation.get_language(), version)
    if _patched() or not _keeps(*key):
        return make()
    found = store.get(key)
    if found is None:
        found = store.setdefault(key, make())
    return found


def document(version: str | None, make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The OpenAPI document (``make`` generates it). Shared by every request that reads it:
    never change it in place."""
    return _kept(_documents, version, make)


def reference(version: str | None, make: Callable[[], str]) -> str:
    """The API reference page's content, as HTML (``make`` draws it)."""
    return _kept(_references, version, make)


#: The settings the document and the reference are made from (the API's code reads no other).
MADE_FROM = frozenset(
    {
        "SPECTACULAR_SETTINGS",
        "REST_FRAMEWORK",
        "ROOT_URLCONF",
        "INSTALLED_APPS",
        "LANGUAGES",
        "LANGUAGE_CODE",
        "USE_I18N",
    }
)


@receiver(setting_changed)
def forget(setting: str, **kwargs: Any) -> None:
    """A setting they are made from changed: what was made under the old value is made again
    when next asked for."""
    if setting in MADE_FROM:
        _documents.clear()
        _references.clear()
