"""Single sign-on addresses, under ``oidc/`` only when it is on (``HEARD_SSO_ENABLED``):
mozilla-django-oidc's three, by their names (``oidc_authentication_init``,
``oidc_authentication_callback`` with Heard's callback view, ``oidc_logout``), written here
rather than included so that they do not depend on when its URL module was first imported; the
refusal page and the administrator's settings."""

from django.urls import path
from mozilla_django_oidc import views as oidc_views

from heard.core import sso_views

urlpatterns = [
    path(
        "callback/",
        sso_views.HeardOIDCCallbackView.as_view(),
        name="oidc_authentication_callback",
    ),
    path(
        "authenticate/",
        oidc_views.OIDCAuthenticationRequestView.as_view(),
        name="oidc_authentication_init",
    ),
    path("logout/", oidc_views.OIDCLogoutView.as_view(), name="oidc_logout"),
    path("refused/", sso_views.sso_refused, name="sso-refused"),
    path("settings/", sso_views.sso_settings, name="sso-settings"),
]
