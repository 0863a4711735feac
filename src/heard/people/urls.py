from heard.core.routes import record_pages
from heard.people import views

app_name = "people"

urlpatterns = [
    *record_pages(
        "young-people/",
        "young-person",
        list=views.YoungPersonListView.as_view(),
        create=views.young_person_create,
        detail=views.young_person_detail,
        edit=views.young_person_edit,
        collection={"import": views.young_people_import},
    ),
    *record_pages(
        "organisations/",
        "organisation",
        list=views.OrganisationListView.as_view(),
        create=views.organisation_create,
        detail=views.organisation_detail,
        edit=views.organisation_edit,
    ),
    *record_pages(
        "staff/",
        "staff",
        list=views.StaffMemberListView.as_view(),
        create=views.staff_create,
        edit=views.staff_edit,
    ),
]
