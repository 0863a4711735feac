"""Heard's URLs with single sign-on on, as ``heard.config.urls`` has them when
``OIDC_RP_CLIENT_ID`` is set (it decides once, at import, from the settings of the run)."""

from django.urls import include, path

from heard.config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from heard.config.urls import urlpatterns as heard_urlpatterns

urlpatterns = [
    *[p for p in heard_urlpatterns if str(getattr(p, "pattern", "")) != "oidc/"],
    path("oidc/", include("heard.core.sso_urls")),
]
