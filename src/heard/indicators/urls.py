from django.urls import path

from heard.indicators import views

urlpatterns = [
    path("home/", views.home, name="home"),
]
