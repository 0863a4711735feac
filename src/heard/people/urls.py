from heard.core.record_routes import record_views
from heard.people import views

app_name = "people"

urlpatterns = [
    *record_views(
        views, "young-people/", "young-person", collection={"import": views.young_people_import}
    ),
    *record_views(views, "organisations/", "organisation"),
    *record_views(
        views, "staff/", "staff", list=views.StaffMemberListView.as_view(), pages=("create", "edit")
    ),
]
