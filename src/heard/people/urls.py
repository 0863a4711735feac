from django.urls import path

from heard.people import views

app_name = "people"

urlpatterns = [
    path("young-people/", views.YoungPersonListView.as_view(), name="young-person-list"),
    path("young-people/add/", views.young_person_create, name="young-person-create"),
    path("young-people/import/", views.young_people_import, name="young-person-import"),
    path("young-people/<int:pk>/", views.young_person_detail, name="young-person-detail"),
    path("young-people/<int:pk>/edit/", views.young_person_edit, name="young-person-edit"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("organisations/add/", views.organisation_create, name="organisation-create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation-edit"),
    path("staff/", views.StaffMemberListView.as_view(), name="staff-list"),
    path("staff/add/", views.staff_create, name="staff-create"),
    path("staff/<int:pk>/edit/", views.staff_edit, name="staff-edit"),
]
