from heard.core.page_routes import page
from heard.core.record_routes import record_views
from heard.involvement import views

app_name = "involvement"

urlpatterns = [
    *record_views(views, "activities/", "activity", member=("delete",)),
    *record_views(views, "evaluations/", "evaluation", pages=("list", "edit"), member=("delete",)),
    page("evaluations/sessions/<int:pk>/", views.session_evaluations),
    page("evaluations/sessions/<int:pk>/add/", views.evaluation_create),
]
