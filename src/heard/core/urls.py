from django.urls import path

from heard.core import account_views, sign_in_event_views, two_factor_views, views

app_name = "core"

urlpatterns = [
    path("", views.root, name="root"),
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("two-factor/", two_factor_views.two_factor, name="two-factor"),
    path("two-factor/set-up/", two_factor_views.two_factor_setup, name="two-factor-setup"),
    path(
        "two-factor/backup-code/",
        two_factor_views.two_factor_backup_code,
        name="two-factor-backup-code",
    ),
    # Outside /two-factor/: only a fully signed-in user reaches these (security.OPEN_PREFIXES).
    path("account/two-factor/", two_factor_views.two_factor_account, name="two-factor-account"),
    path(
        "account/two-factor/staff/<int:pk>/reset/",
        two_factor_views.two_factor_reset,
        name="two-factor-reset",
    ),
    path(
        "account/two-factor/backup-codes/",
        two_factor_views.backup_codes_regenerate,
        name="backup-codes-regenerate",
    ),
    path("account/password/", account_views.password_change, name="password-change"),
    path("password-reset/", account_views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password-reset/sent/",
        account_views.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/done/",
        account_views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("sign-in-events/", sign_in_event_views.sign_in_event_list, name="sign-in-events"),
    path("history/<str:object_type>/<str:object_id>/", views.history, name="history"),
    path("healthz", views.healthz, name="healthz"),
]
