from django.urls import path

from heard.core import two_factor_views, views

app_name = "core"

urlpatterns = [
    path("", views.root, name="root"),
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("two-factor/", two_factor_views.two_factor, name="two-factor"),
    path("two-factor/set-up/", two_factor_views.two_factor_setup, name="two-factor-setup"),
    # Outside /two-factor/: only a fully signed-in user reaches these (security.OPEN_PREFIXES).
    path("account/two-factor/", two_factor_views.two_factor_account, name="two-factor-account"),
    path(
        "account/two-factor/staff/<int:pk>/reset/",
        two_factor_views.two_factor_reset,
        name="two-factor-reset",
    ),
    path("history/<str:object_type>/<str:object_id>/", views.history, name="history"),
    path("healthz", views.healthz, name="healthz"),
]
