from django.urls import path

from heard.core.record_routes import record_views
from heard.groups import views

app_name = "groups"

urlpatterns = [
    *record_views(
        views, "themes/", "theme", list=views.ThemeListView.as_view(), create_path="new/"
    ),
    path("themes/<int:pk>/reviews/new/", views.theme_review_add, name="theme-review-add"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("calendar.ics", views.calendar_ics, name="calendar-ics"),
    path("calendar/subscription/", views.calendar_subscription, name="calendar-subscription"),
    path(
        "calendar/subscription/new/",
        views.calendar_subscription_new,
        name="calendar-subscription-new",
    ),
    path(
        "calendar/subscription/off/",
        views.calendar_subscription_off,
        name="calendar-subscription-off",
    ),
    # The token is in the query string, which the access log never records (gunicorn.conf.py).
    path("calendar/feed.ics", views.calendar_feed, name="calendar-feed"),
    *record_views(views, "", "group", list=views.GroupListView.as_view(), create_path="new/"),
    path("<int:pk>/stage/", views.group_move_stage, name="group-move-stage"),
    path("<int:pk>/calendar.ics", views.group_calendar_ics, name="group-calendar-ics"),
    path("<int:pk>/members/new/", views.membership_add, name="membership-add"),
    path(
        "<int:pk>/members/<int:membership_pk>/end/",
        views.membership_end,
        name="membership-end",
    ),
]
