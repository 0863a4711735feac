"""The REST API: each area registers its viewsets on the one router here."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter

from heard.api import groups, participation, people, privacy, safeguarding, voice
from heard.core.permissions import is_staff_member
from heard.core.security import redoc_csp

router = DefaultRouter(trailing_slash=True)
people.register(router)
groups.register(router)
participation.register(router)
voice.register(router)
safeguarding.register(router)
privacy.register(router)


def staff_page(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """A page for signed-in staff: the sign-in page first for anyone signed out, 403 for others.
    (The document itself answers staff with a token or signed in: ``SERVE_PERMISSIONS``.)"""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path(
        "docs/",
        staff_page(redoc_csp(SpectacularRedocView.as_view(url_name="openapi"))),
        name="api-docs",
    ),
    path("", include(router.urls)),
]
