from django.urls import path

from heard.messaging import views

app_name = "messaging"

urlpatterns = [
    path("messages/", views.MessageListView.as_view(), name="list"),
    path("messages/<int:pk>/retry/", views.retry, name="retry"),
    path("account/reminders/", views.reminders, name="reminders"),
]
