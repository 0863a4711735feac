"""The REST API: each area registers its viewsets on the one router here."""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter

from heard.api import groups, participation, people, voice

router = DefaultRouter(trailing_slash=True)
people.register(router)
groups.register(router)
participation.register(router)
voice.register(router)

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("docs/", SpectacularRedocView.as_view(url_name="openapi"), name="api-docs"),
    path("", include(router.urls)),
]
