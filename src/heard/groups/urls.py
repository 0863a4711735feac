from heard.core.page_routes import page
from heard.core.record_routes import record_views
from heard.groups import views

app_name = "groups"

urlpatterns = [
    *record_views(views, "themes/", "theme", create_path="new/"),
    page("themes/<int:pk>/reviews/new/", views.theme_review_add),
    page("calendar/", views.CalendarView),
    page("calendar.ics", views.calendar_ics),
    page("calendar/subscription/", views.calendar_subscription),
    page("calendar/subscription/new/", views.calendar_subscription_new),
    page("calendar/subscription/off/", views.calendar_subscription_off),
    # The token is in the query string, which the access log never records (gunicorn.conf.py).
    page("calendar/feed.ics", views.calendar_feed),
    *record_views(views, "", "group", create_path="new/"),
    page("<int:pk>/stage/", views.group_move_stage),
    page("<int:pk>/calendar.ics", views.group_calendar_ics),
    page("<int:pk>/members/new/", views.membership_add),
    page("<int:pk>/members/<int:membership_pk>/end/", views.membership_end),
]
