from django.urls import path

from heard.safeguarding import views

app_name = "safeguarding"

urlpatterns = [
    path("concerns/raise/", views.concern_raise, name="concern-raise"),
    path("concerns/raised/", views.concern_raised, name="concern-raised"),
    path("concerns/", views.ConcernListView.as_view(), name="concern-list"),
    path("concerns/<int:pk>/", views.concern_detail, name="concern-detail"),
    path("concerns/<int:pk>/assign/", views.concern_assign, name="concern-assign"),
    path("concerns/<int:pk>/decide/", views.concern_decide, name="concern-decide"),
    path("concerns/<int:pk>/close/", views.concern_close, name="concern-close"),
    path("checks/", views.BackgroundCheckListView.as_view(), name="check-list"),
    path("checks/due/", views.checks_due, name="checks-due"),
    path("checks/add/", views.check_create, name="check-create"),
    path("checks/<int:pk>/edit/", views.check_edit, name="check-edit"),
    path("training/", views.TrainingRecordListView.as_view(), name="training-list"),
    path("training/add/", views.training_create, name="training-create"),
    path("training/<int:pk>/edit/", views.training_edit, name="training-edit"),
]
