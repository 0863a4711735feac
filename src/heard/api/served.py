"""The OpenAPI document /api/v1/openapi.json serves and the API reference page drawn from it,
made once per process for each language and API version, then kept.

Both come from the code alone: drf-spectacular's generator walks the URL patterns, viewsets and
serializers (the same for every reader: the document is public to staff, ``SERVE_PUBLIC``), and
the reference is drawn from the document. Made for every request they cost 0.5 s of CPU for the
document (1.4 MB) and 2.1 s for the reference (2.6 MB of HTML), the same work each time.

A change of a setting they are made from (``setting_changed``, as ``override_settings`` sends, for
``MADE_FROM``) forgets both;
while drf-spectacular's own settings are patched (its ``patched_settings``, for a view with custom
settings) nothing is kept or served from what was kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation
from drf_spectacular.settings import spectacular_settings

T = TypeVar("T")

#: (language, API version) -> the document, and the reference page's content drawn from it.
Key = tuple[str | None, str | None]
_documents: dict[Key, dict[str, Any]] = {}
_references: dict[Key, str] = {}


def _patched() -> bool:
    """drf-spectacular's settings are patched for the moment (``apply_patches`` keeps the values
    it replaced until ``clear_patches``)."""
    return bool(getattr(spectacular_settings, "_original_settings", None))


def _kept(store: dict[Key, T], version: str | None, make: Callable[[], T]) -> T:
    """What ``make`` gives for the active language and ``version``, made the first time only.
    Two requests that find nothing both make it, and the first kept is the one kept (the same
    thing, from the same code)."""
    if _patched():
        return make()
    key = (translation.get_language(), version)
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
