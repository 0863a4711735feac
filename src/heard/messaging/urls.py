from django.urls import path

from heard.core.page_routes import page
from heard.messaging import views

app_name = "messaging"

urlpatterns = [
    path("messages/", views.MessageListView.as_view(), name="list"),
    page("messages/<int:pk>/retry/", views.retry),
    page("account/reminders/", views.reminders),
]
