from django.urls import path

from heard.core.page_routes import page
from heard.core.record_routes import record_views
from heard.opportunities import portal_views, views

app_name = "opportunities"

urlpatterns = [
    *record_views(
        views,
        "opportunities/",
        "opportunity",
        member=("delete",),
        member_views={"sign-ups": views.SignUpListView.as_view(), "attendance": views.attendance},
    ),
    page("opportunities/<int:pk>/sign-ups/add/", views.sign_up_create),
    page("opportunities/sign-ups/<int:pk>/withdraw/", views.sign_up_withdraw),
    path("portal/get-involved/", portal_views.get_involved, name="portal-list"),
    path("portal/get-involved/mine/", portal_views.mine, name="portal-mine"),
    path("portal/get-involved/<int:pk>/", portal_views.opportunity, name="portal-detail"),
    path("portal/get-involved/<int:pk>/sign-up/", portal_views.sign_up, name="portal-sign-up"),
    path(
        "portal/get-involved/sign-ups/<int:pk>/withdraw/",
        portal_views.withdraw,
        name="portal-withdraw",
    ),
]
