from django.urls import path

from heard.core import account_views, sign_in_event_views, two_factor_views, views
from heard.core.page_routes import page

app_name = "core"

urlpatterns = [
    page("", views.root),
    page("sign-in/", views.SignInView),
    page("sign-out/", views.sign_out),
    page("two-factor/", two_factor_views.two_factor),
    page("two-factor/set-up/", two_factor_views.two_factor_setup),
    page("two-factor/backup-code/", two_factor_views.two_factor_backup_code),
    # Outside /two-factor/: only a fully signed-in user reaches these (security.OPEN_PREFIXES).
    page("account/two-factor/", two_factor_views.two_factor_account),
    page("account/two-factor/staff/<int:pk>/reset/", two_factor_views.two_factor_reset),
    page("account/two-factor/backup-codes/", two_factor_views.backup_codes_regenerate),
    page("account/password/", account_views.password_change),
    page("password-reset/", account_views.PasswordResetView),
    page("password-reset/sent/", account_views.PasswordResetDoneView),
    page("password-reset/<uidb64>/<token>/", account_views.PasswordResetConfirmView),
    page("password-reset/done/", account_views.PasswordResetCompleteView),
    path("sign-in-events/", sign_in_event_views.sign_in_event_list, name="sign-in-events"),
    page("history/<str:object_type>/<str:object_id>/", views.history),
    page("healthz", views.healthz),
]
