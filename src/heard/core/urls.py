from django.urls import path

from heard.core import views

app_name = "core"

urlpatterns = [
    path("", views.root, name="root"),
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("history/<str:object_type>/<str:object_id>/", views.history, name="history"),
    path("healthz", views.healthz, name="healthz"),
]
