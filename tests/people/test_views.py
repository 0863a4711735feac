import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from heard.core.models import AuditEntry
from heard.core.roles import AgeBand, Role
from heard.jobs import services as job_services
from heard.jobs.models import Job
from heard.people.models import Organisation, User, YoungPerson
from heard.people.views import IMPORT_SESSION_KEY
from tests.factories import (
    AttendanceFactory,
    MembershipFactory,
    OrganisationFactory,
    SessionFactory,
    UserFactory,
    YoungPersonFactory,
)

LIST = reverse("people:young-person-list")
CREATE = reverse("people:young-person-create")
IMPORT = reverse("people:young-person-import")


def detail(yp):
    return reverse("people:young-person-detail", args=[yp.pk])


def edit(yp):
    return reverse("people:young-person-edit", args=[yp.pk])


def form_data(organisation, **overrides):
    data = {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "preferred_name": "",
        "age_band": AgeBand.AGE_11_13,
        "date_of_birth": "",
        "organisation": organisation.pk,
        "area": "Ely",
        "communication_needs": "Prefers pictures",
        "access_needs": "",
        "contact_preference": YoungPerson.ContactPreference.VIA_WORKER,
    }
    return data | overrides


def upload(text, name="young-people.csv"):
    return SimpleUploadedFile(name, text.encode() if isinstance(text, str) else text, "text/csv")


# The list -----------------------------------------------------------------------------------------


def test_list_shows_reference_name_band_and_organisation(client_for, officer, organisation):
    yp = YoungPersonFactory(first_name="Ada", last_name="Lovelace", organisation=organisation)
    page = client_for(officer).get(LIST)
    assert page.status_code == 200
    html = page.content.decode()
    for text in (yp.reference, "Ada Lovelace", "11 to 13", organisation.name):
        assert text in html
    assert CREATE in html and IMPORT in html


def test_list_search_and_filters(client_for, officer, organisation, other_organisation):
    # Fixed last names: a random one ("Adams") would match the search for "ada" below.
    ada = YoungPersonFactory(
        first_name="Ada", last_name="Lovelace", organisation=organisation, area="Ely"
    )
    bo = YoungPersonFactory(
        first_name="Bo",
        last_name="Diddley",
        organisation=other_organisation,
        age_band=AgeBand.AGE_16_17,
        area="March",
    )
    gone = YoungPersonFactory(
        first_name="Cy", last_name="Twombly", organisation=organisation, is_active=False
    )
    client = client_for(officer)

    def refs(**params):
        return {yp.reference for yp in client.get(LIST, params).context["object_list"]}

    assert refs(search="ada") == {ada.reference}
    assert refs(search=bo.reference.lower()) == {bo.reference}
    assert refs(organisation=organisation.pk) == {ada.reference, gone.reference}
    assert refs(age_band=AgeBand.AGE_16_17) == {bo.reference}
    assert refs(area="marc") == {bo.reference}
    assert refs(active="no") == {gone.reference}


def test_empty_list_has_a_helpful_message(client_for, officer):
    assert "no young people on the register" in client_for(officer).get(LIST).content.decode()


def test_list_csv_export(client_for, officer, organisation):
    YoungPersonFactory(first_name="=cmd()", organisation=organisation)
    response = client_for(officer).get(LIST, {"format": "csv"})
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv")
    assert body.splitlines()[0].startswith("Reference,First name")
    assert "'=cmd()" in body


def test_list_page_runs_a_fixed_number_of_queries(client_for, officer, count_queries):
    client = client_for(officer)
    YoungPersonFactory.create_batch(2)
    with_two, response = count_queries(lambda: client.get(LIST))
    assert len(response.context["object_list"]) == 2
    YoungPersonFactory.create_batch(8)
    with_ten, response = count_queries(lambda: client.get(LIST))
    assert len(response.context["object_list"]) == 10
    assert with_two == with_ten


def test_organisation_list_runs_a_fixed_number_of_queries(client_for, officer, count_queries):
    client = client_for(officer)
    url = reverse("people:organisation-list")
    OrganisationFactory.create_batch(2)
    with_two, _ = count_queries(lambda: client.get(url))
    OrganisationFactory.create_batch(8)
    with_ten, response = count_queries(lambda: client.get(url))
    assert len(response.context["object_list"]) == 10
    assert with_two == with_ten


# Detail -------------------------------------------------------------------------------------------


def test_detail_shows_needs_groups_sessions_and_history_link(client_for, officer, organisation):
    yp = YoungPersonFactory(organisation=organisation, communication_needs="Uses Makaton")
    MembershipFactory(young_person=yp, group__name="Fenland Buddy Group")
    AttendanceFactory(young_person=yp, session=SessionFactory(title="Spring planning day"))
    html = client_for(officer).get(detail(yp)).content.decode()
    for text in ("Uses Makaton", "Fenland Buddy Group", "Spring planning day", yp.reference):
        assert text in html
    assert reverse("core:history", args=["people.youngperson", yp.pk]) in html
    assert edit(yp) in html


def test_detail_for_theme_lead_is_read_only_without_history(client_for, theme_lead):
    yp = YoungPersonFactory()
    html = client_for(theme_lead).get(detail(yp)).content.decode()
    assert yp.reference in html
    assert edit(yp) not in html
    assert "History of changes" not in html


def test_unknown_young_person_is_404(client_for, officer):
    assert client_for(officer).get("/people/young-people/999999/").status_code == 404


# Create and edit ----------------------------------------------------------------------------------


def test_create_a_young_person(client_for, officer, organisation):
    response = client_for(officer).post(CREATE, form_data(organisation))
    yp = YoungPerson.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail(yp)
    assert (yp.first_name, yp.organisation, yp.area) == ("Ada", organisation, "Ely")
    assert AuditEntry.objects.get(object_id=str(yp.pk)).actor == officer


def test_create_shows_errors_and_saves_nothing(client_for, officer, organisation):
    page = client_for(officer).post(
        CREATE, form_data(organisation, first_name="", age_band="", access_needs="x" * 2001)
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "govuk-error-summary" in html
    assert set(page.context["form"].errors) >= {"first_name", "access_needs"}
    assert not YoungPerson.objects.exists()


def test_create_reports_a_missing_band_from_the_service(client_for, officer, organisation):
    page = client_for(officer).post(CREATE, form_data(organisation, age_band=""))
    assert "Choose an age band, or give a date of birth." in page.content.decode()
    assert not YoungPerson.objects.exists()


def test_create_warns_about_a_possible_duplicate_then_confirms(client_for, officer, organisation):
    existing = YoungPersonFactory(first_name="Ada", organisation=organisation)
    client = client_for(officer)
    page = client.post(CREATE, form_data(organisation, first_name="ADA"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "govuk-error-summary" in html
    assert existing.reference in html
    assert "This is a different young person" in html
    assert YoungPerson.objects.count() == 1

    unconfirmed = client.post(CREATE, form_data(organisation, first_name="ADA"))
    assert unconfirmed.status_code == 200 and YoungPerson.objects.count() == 1

    done = client.post(
        CREATE, form_data(organisation, first_name="ADA", confirm_not_duplicate="on")
    )
    assert done.status_code == 302
    new = YoungPerson.objects.exclude(pk=existing.pk).get()
    assert list(new.possible_duplicate_of.all()) == [existing]
    assert existing.reference in client.get(detail(new)).content.decode()


def test_edit_a_young_person(client_for, officer, organisation):
    yp = YoungPersonFactory(organisation=organisation, first_name="Ada", last_name="Lovelace")
    client = client_for(officer)
    form = client.get(edit(yp))
    assert form.status_code == 200 and 'value="Ada"' in form.content.decode()
    data = form_data(organisation, area="March", age_band=yp.age_band, is_active="on")
    data |= {"communication_needs": "", "last_name": "Lovelace"}
    response = client.post(edit(yp), data)
    assert response.status_code == 302
    yp.refresh_from_db()
    assert yp.area == "March"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
    assert entry.changes == {"area": ["Cambridge", "March"]}


def test_edit_can_mark_a_young_person_inactive(client_for, officer, organisation):
    yp = YoungPersonFactory(organisation=organisation, first_name="Ada", last_name="Lovelace")
    data = form_data(organisation, area=yp.area, communication_needs="")
    client_for(officer).post(edit(yp), data)
    yp.refresh_from_db()
    assert yp.is_active is False


# Import -------------------------------------------------------------------------------------------


def test_import_dry_run_with_a_malformed_csv_imports_nothing(client_for, officer, organisation):
    client = client_for(officer)
    text = f"first_name,age_band,organisation\nAda,11_13,{organisation.name}\nBo,eleven,Nowhere\n"
    page = client.post(IMPORT, {"file": upload(text)})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Nothing was imported" in html
    assert "There is no organisation called" in html and "is not an age band" in html
    assert IMPORT_SESSION_KEY not in client.session
    assert "Import 2" not in html
    assert not YoungPerson.objects.exists()
    # Confirming without a checked file does nothing either.
    response = client.post(IMPORT, {"action": "confirm"})
    assert response.status_code == 302 and not YoungPerson.objects.exists()


def test_import_bad_encoding_is_reported(client_for, officer):
    page = client_for(officer).post(IMPORT, {"file": upload(b"first_name\n\xff\xfe\n")})
    assert "not UTF-8" in page.content.decode()


def test_import_checks_then_confirms(client_for, officer, organisation):
    client = client_for(officer)
    text = (
        "first_name,age_band,organisation\n"
        f"Ada,11_13,{organisation.name}\n"
        f"Bo,8 to 10,{organisation.name}\n"
    )
    page = client.post(IMPORT, {"file": upload(text)})
    assert "Import 2 young people" in page.content.decode()
    assert not YoungPerson.objects.exists()
    response = client.post(IMPORT, {"action": "confirm"})
    # The confirmed import is a background job (issue 20): the job's page, then the worker.
    job = Job.objects.get()
    assert response.status_code == 303
    assert response["Location"] == reverse("jobs:job-detail", kwargs={"job_uuid": job.uuid})
    assert (job.kind, job.label, job.params["then"]) == (
        "young_people_import",
        "Import of 2 young people",
        LIST,
    )
    assert not YoungPerson.objects.exists()
    assert IMPORT_SESSION_KEY not in client.session
    assert job_services.run(str(job.uuid)) == "succeeded"
    assert YoungPerson.objects.count() == 2
    job.refresh_from_db()
    assert (job.done, job.total) == (2, 2)
    assert "upload" not in job.params  # the file is not kept once its rows are in
    page = client.get(response["Location"]).content.decode()
    assert "Done" in page and f'id="job-then" href="{LIST}"' in page
    # The same confirmation cannot import twice.
    assert client.post(IMPORT, {"action": "confirm"}).status_code == 302
    assert Job.objects.count() == 1 and YoungPerson.objects.count() == 2


def test_a_confirmed_import_reports_what_changed_since_its_check(client_for, officer, organisation):
    client = client_for(officer)
    text = f"first_name,age_band,organisation\nAda,11_13,{organisation.name}\n"
    client.post(IMPORT, {"file": upload(text)})
    # Between the check and the confirmation the same young person was added by hand.
    YoungPersonFactory(first_name="Ada", age_band=AgeBand.AGE_11_13, organisation=organisation)
    page = client.post(IMPORT, {"action": "confirm"})
    assert page.status_code == 200
    assert "already on the register" in page.content.decode()
    assert YoungPerson.objects.count() == 1
    assert IMPORT_SESSION_KEY not in client.session
    assert not Job.objects.exists()


def test_import_refuses_a_large_file(client_for, officer):
    page = client_for(officer).post(IMPORT, {"file": upload("a" * (1024 * 1024 + 1))})
    assert "1 MB or smaller" in page.content.decode()


def test_import_page_and_template(client_for, officer):
    client = client_for(officer)
    assert "Check the file" in client.get(IMPORT).content.decode()
    template = client.get(IMPORT, {"template": "csv"})
    assert b"".join(template.streaming_content).decode().startswith("first_name,last_name")


# Who may see what ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "list_status", "add_status", "edit_status"),
    [
        (Role.ADMINISTRATOR, 200, 200, 200),
        (Role.PARTICIPATION_LEAD, 200, 200, 200),
        (Role.PARTICIPATION_OFFICER, 200, 200, 200),
        (Role.THEME_LEAD, 200, 200, 403),
        (Role.SAFEGUARDING_LEAD, 200, 403, 403),
        (Role.BOARD_MEMBER, 403, 403, 403),
    ],
)
def test_role_matrix_for_young_people_pages(
    client_for, make_user, role, list_status, add_status, edit_status
):
    yp = YoungPersonFactory()
    client = client_for(make_user(role))
    assert client.get(LIST).status_code == list_status
    assert client.get(LIST, {"format": "csv"}).status_code == list_status
    assert client.get(detail(yp)).status_code == list_status
    assert client.get(CREATE).status_code == add_status
    assert client.get(IMPORT).status_code == add_status
    assert client.get(edit(yp)).status_code == edit_status


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    yp = YoungPersonFactory()
    for url in (LIST, detail(yp), CREATE, edit(yp), IMPORT, reverse("people:organisation-list")):
        response = client.get(url)
        assert response.status_code == 302 and "sign-in" in response["Location"]


class TestPartnerWorkerSeesOnlyTheirOwnOrganisation:
    @pytest.fixture
    def records(self, partner_worker, other_organisation):
        own = YoungPersonFactory(first_name="Owena", organisation=partner_worker.organisation)
        other = YoungPersonFactory(
            first_name="Otto", last_name="Elsewhere", organisation=other_organisation, area="Far"
        )
        return own, other

    def test_list_and_csv_hold_only_their_own(self, client_for, partner_worker, records):
        own, other = records
        client = client_for(partner_worker)
        html = client.get(LIST).content.decode()
        assert own.reference in html and other.reference not in html and "Otto" not in html
        body = b"".join(client.get(LIST, {"format": "csv"}).streaming_content).decode()
        assert own.reference in body and other.reference not in body
        filtered = client.get(LIST, {"organisation": other.organisation_id, "search": "Otto"})
        assert other.reference not in filtered.content.decode()

    def test_detail_and_edit_of_another_organisation_are_404(
        self, client_for, partner_worker, records
    ):
        own, other = records
        client = client_for(partner_worker)
        assert client.get(detail(own)).status_code == 200
        assert client.get(edit(own)).status_code == 200
        assert client.get(detail(other)).status_code == 404
        assert client.get(edit(other)).status_code == 404
        data = form_data(other.organisation, first_name="Hacked")
        assert client.post(edit(other), data).status_code == 404
        other.refresh_from_db()
        assert other.first_name == "Otto"

    def test_cannot_move_own_record_or_add_to_another_organisation(
        self, client_for, partner_worker, records, other_organisation
    ):
        own, _ = records
        client = client_for(partner_worker)
        page = client.post(edit(own), form_data(other_organisation, first_name="Owena"))
        assert page.status_code == 200 and "organisation" in page.context["form"].errors
        page = client.post(CREATE, form_data(other_organisation, first_name="New"))
        assert page.status_code == 200 and "organisation" in page.context["form"].errors
        own.refresh_from_db()
        assert own.organisation == partner_worker.organisation
        assert not YoungPerson.objects.filter(first_name="New").exists()

    def test_import_into_another_organisation_is_refused(
        self, client_for, partner_worker, records, other_organisation
    ):
        client = client_for(partner_worker)
        text = f"first_name,age_band,organisation\nNew,11_13,{other_organisation.name}\n"
        html = client.post(IMPORT, {"file": upload(text)}).content.decode()
        assert "only add young people to your own organisation" in html
        assert client.post(IMPORT, {"action": "confirm"}).status_code == 302
        assert not YoungPerson.objects.filter(first_name="New").exists()

    def test_organisation_page_hides_other_counts_and_staff(
        self, client_for, partner_worker, records, other_organisation
    ):
        client = client_for(partner_worker)
        own_page = client.get(
            reverse("people:organisation-detail", args=[partner_worker.organisation_id])
        )
        assert own_page.context["can_view_count"] and own_page.context["can_view_staff"]
        other_page = client.get(reverse("people:organisation-detail", args=[other_organisation.pk]))
        assert other_page.status_code == 200
        assert not other_page.context["can_view_count"]
        assert not other_page.context["can_view_staff"]
        assert "Active young people" not in other_page.content.decode()


# Organisations ------------------------------------------------------------------------------------


def test_organisation_pages(client_for, officer):
    champion = UserFactory(full_name="Chris Champion", job_title="Head of Youth")
    client = client_for(officer)
    response = client.post(
        reverse("people:organisation-create"),
        {
            "name": "Fenland Youth Trust",
            "kind": Organisation.Kind.YOUTH_SERVICE,
            "area": "Fenland",
            "contact_name": "Pat Contact",
            "champions": [champion.pk],
        },
    )
    org = Organisation.objects.get(name="Fenland Youth Trust")
    assert response["Location"] == reverse("people:organisation-detail", args=[org.pk])
    YoungPersonFactory.create_batch(2, organisation=org)
    UserFactory(role=Role.PARTNER_WORKER, organisation=org, full_name="Sue Staff")
    html = client.get(response["Location"]).content.decode()
    for text in ("Chris Champion", "Pat Contact", "Sue Staff", "Youth service"):
        assert text in html
    assert client.get(response["Location"]).context["organisation"].young_people_count == 2
    listing = client.get(reverse("people:organisation-list")).content.decode()
    assert "Fenland Youth Trust" in listing

    edit_url = reverse("people:organisation-edit", args=[org.pk])
    assert client.get(edit_url).status_code == 200
    response = client.post(
        edit_url,
        {
            "name": "Fenland Youth Trust",
            "kind": Organisation.Kind.YOUTH_SERVICE,
            "area": "Wisbech",
            "contact_name": "Pat Contact",
            "champions": [champion.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE, object_id=str(org.pk))
    assert entry.changes == {"area": ["Fenland", "Wisbech"]}


def test_organisation_duplicate_name_is_an_error(client_for, officer, organisation):
    page = client_for(officer).post(
        reverse("people:organisation-create"),
        {"name": organisation.name.upper(), "kind": Organisation.Kind.VOLUNTARY},
    )
    assert "already exists" in page.content.decode()
    assert Organisation.objects.count() == 1


def test_board_member_reads_organisations_without_counts(client_for, board_member, organisation):
    client = client_for(board_member)
    YoungPersonFactory(organisation=organisation)
    listing = client.get(reverse("people:organisation-list"))
    assert listing.status_code == 200 and organisation.name in listing.content.decode()
    assert "Active young people" not in listing.content.decode()
    page = client.get(reverse("people:organisation-detail", args=[organisation.pk]))
    assert "Active young people" not in page.content.decode()
    assert client.get(reverse("people:organisation-create")).status_code == 403
    assert (
        client.get(reverse("people:organisation-edit", args=[organisation.pk])).status_code == 403
    )


# Staff --------------------------------------------------------------------------------------------


def test_staff_pages_for_administrators(client_for, admin_user, organisation):
    client = client_for(admin_user)
    assert client.get(reverse("people:staff-list")).status_code == 200
    response = client.post(
        reverse("people:staff-create"),
        {
            "full_name": "Pat Worker",
            "email": "pat@example.org",
            "role": Role.PARTNER_WORKER,
            "organisation": organisation.pk,
            "password": "a long enough passphrase 42",
        },
    )
    assert response.status_code == 302
    member = User.objects.get(email="pat@example.org")
    assert member.organisation == organisation
    edit_url = reverse("people:staff-edit", args=[member.pk])
    response = client.post(
        edit_url,
        {
            "full_name": "Pat Worker",
            "email": "pat@example.org",
            "role": Role.PARTNER_WORKER,
            "organisation": organisation.pk,
        },
    )
    member.refresh_from_db()
    assert response.status_code == 302 and member.is_active is False
    assert "Deactivated" in client.get(reverse("people:staff-list")).content.decode()


def test_staff_create_partner_without_organisation_is_an_error(client_for, admin_user):
    page = client_for(admin_user).post(
        reverse("people:staff-create"),
        {"full_name": "Pat", "email": "pat@example.org", "role": Role.PARTNER_WORKER},
    )
    assert "Choose the organisation" in page.content.decode()
    assert not User.objects.filter(email="pat@example.org").exists()


@pytest.mark.parametrize("role", [Role.PARTICIPATION_LEAD, Role.PARTNER_WORKER, Role.BOARD_MEMBER])
def test_staff_pages_are_for_administrators_only(client_for, make_user, organisation, role):
    user = make_user(role, organisation=organisation if role == Role.PARTNER_WORKER else None)
    client = client_for(user)
    assert client.get(reverse("people:staff-list")).status_code == 403
    assert client.get(reverse("people:staff-create")).status_code == 403
    assert client.get(reverse("people:staff-edit", args=[user.pk])).status_code == 403
