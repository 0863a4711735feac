"""The REST API: each area registers its viewsets on the one router here."""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter

from heard.api import groups, participation, people, privacy, safeguarding, voice
from heard.core.security import redoc_csp

router = DefaultRouter(trailing_slash=True)
people.register(router)
groups.register(router)
participation.register(router)
voice.register(router)
safeguarding.register(router)
privacy.register(router)

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("docs/", redoc_csp(SpectacularRedocView.as_view(url_name="openapi")), name="api-docs"),
    path("", include(router.urls)),
]
