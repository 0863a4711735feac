from django.urls import path

from heard.groups import views

app_name = "groups"

urlpatterns = [
    path("themes/", views.ThemeListView.as_view(), name="theme-list"),
    path("themes/new/", views.theme_create, name="theme-create"),
    path("themes/<int:pk>/", views.theme_detail, name="theme-detail"),
    path("themes/<int:pk>/edit/", views.theme_edit, name="theme-edit"),
    path("themes/<int:pk>/reviews/new/", views.theme_review_add, name="theme-review-add"),
    path("", views.GroupListView.as_view(), name="group-list"),
    path("new/", views.group_create, name="group-create"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("calendar.ics", views.calendar_ics, name="calendar-ics"),
    path("<int:pk>/", views.group_detail, name="group-detail"),
    path("<int:pk>/edit/", views.group_edit, name="group-edit"),
    path("<int:pk>/stage/", views.group_move_stage, name="group-move-stage"),
    path("<int:pk>/calendar.ics", views.group_calendar_ics, name="group-calendar-ics"),
    path("<int:pk>/members/new/", views.membership_add, name="membership-add"),
    path(
        "<int:pk>/members/<int:membership_pk>/end/",
        views.membership_end,
        name="membership-end",
    ),
]
