from django.urls import include, path

from oidc_provider import views

urlpatterns = [
    path("login/", views.login, name="login"),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
