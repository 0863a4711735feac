"""Single sign-on addresses, under ``oidc/`` only when it is on (``HEARD_SSO_ENABLED``):
mozilla-django-oidc's (``oidc_authentication_init``, ``oidc_authentication_callback``,
``oidc_logout``), the refusal page and the administrator's settings."""

from django.urls import include, path

from heard.core import sso_views

urlpatterns = [
    path("", include("mozilla_django_oidc.urls")),
    path("refused/", sso_views.sso_refused, name="sso-refused"),
    path("settings/", sso_views.sso_settings, name="sso-settings"),
]
