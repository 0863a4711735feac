from heard.core.page_routes import page
from heard.core.record_routes import record_views
from heard.voice import views

app_name = "voice"

urlpatterns = [
    *record_views(views, "", "view", pages=("list", "detail", "edit")),
    page("<int:pk>/evidence/new/", views.evidence_add),
    page("evidence/<int:pk>/", views.evidence_download),
    page("sessions/<int:session_pk>/views/new/", views.session_views_create),
    *record_views(views, "responses/", "response", pages=("create", "detail"), create_path="new/"),
    page("responses/<int:pk>/feedback/new/", views.feedback_create),
    page("feedback-owed/", views.FeedbackOwedView),
    page("loop/", views.loop_figures),
    page("young-people/<int:pk>/journey/", views.young_person_journey),
]
