"""The staff list machinery (heard.core.lists) beyond the list pages: what counts as a whole
table, the estimate's one query, page numbers an estimated list refuses, and the list view's
sign-in, permission and CSV paths."""

from contextlib import contextmanager

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import connection
from django.db.models import Count
from django.test import RequestFactory

from heard.core import exports, lists
from heard.people.models import YoungPerson
from tests import factories

EVERYONE = YoungPerson.objects.order_by("pk")


def test_only_an_unfiltered_ungrouped_unsliced_queryset_is_the_whole_table(db):
    assert lists._whole_table(YoungPerson.objects.select_related("organisation"))
    assert lists._whole_table(EVERYONE)
    assert not lists._whole_table(YoungPerson.objects.filter(is_active=True))
    assert not lists._whole_table(YoungPerson.objects.distinct())
    grouped = YoungPerson.objects.values("organisation").annotate(n=Count("pk"))
    assert not lists._whole_table(grouped)
    assert not lists._whole_table(EVERYONE[:10])
    assert not lists._whole_table(EVERYONE.union(EVERYONE))


class _FakeCursor:
    def __init__(self, row, seen):
        self.row, self.seen = row, seen

    def execute(self, sql, params):
        self.seen.append((sql, params))

    def fetchone(self):
        return self.row


class _FakePostgres:
    """A connection that says it is PostgreSQL and answers the estimate query with ``row``."""

    vendor = "postgresql"

    def __init__(self, row):
        self.row, self.seen = row, []
        self.ops = connection.ops

    @contextmanager
    def cursor(self):
        yield _FakeCursor(self.row, self.seen)


@pytest.fixture
def postgres(monkeypatch):
    def answer(row):
        fake = _FakePostgres(row)
        monkeypatch.setattr(lists, "connections", {"default": fake})
        return fake

    return answer


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ((250_000, None), (250_000, True)),  # big: the estimate, no count run
        ((40, 37), (37, False)),  # small: the exact count from the same query
        (None, None),  # the table is unknown to pg_class: count the usual way
    ],
)
def test_the_estimate_query_gives_the_estimate_only_for_a_big_table(postgres, row, expected):
    fake = postgres(row)
    assert lists.count_or_estimate(EVERYONE) == expected
    [(sql, params)] = fake.seen
    assert "pg_class" in sql and "COUNT(*)" in sql
    # The threshold first, the table's name last, quoted for regclass.
    assert params[0] == lists.ESTIMATE_FROM
    assert params[-1] == connection.ops.quote_name(YoungPerson._meta.db_table)


@pytest.mark.django_db
def test_a_filtered_queryset_is_never_estimated_even_on_postgresql(postgres):
    fake = postgres((250_000, None))
    assert lists.count_or_estimate(EVERYONE.filter(is_active=True)) is None
    assert fake.seen == []


@pytest.fixture
def estimated(db, organisation, monkeypatch):
    for _ in range(3):
        factories.YoungPersonFactory(organisation=organisation)
    monkeypatch.setattr(lists, "count_or_estimate", lambda queryset: (120_400, True))
    paginator = lists.Paginator(EVERYONE, 2)
    assert paginator.count == 120_400 and paginator.estimated
    return paginator


@pytest.mark.parametrize("number", ["two", None, 1.5, [1]])
def test_an_estimated_list_refuses_a_page_that_is_not_a_whole_number(estimated, number):
    with pytest.raises(PageNotAnInteger):
        estimated.validate_number(number)


@pytest.mark.parametrize("number", [0, -3, "0"])
def test_an_estimated_list_refuses_a_page_below_the_first(estimated, number):
    with pytest.raises(EmptyPage):
        estimated.validate_number(number)


def test_an_estimated_list_takes_a_whole_float_or_digits_as_a_page(estimated):
    assert estimated.validate_number(2.0) == 2
    assert estimated.validate_number("2") == 2
    page = estimated.page("2")
    assert len(page) == 1 and not page.has_next()


def test_a_list_of_no_rows_is_never_estimated(db):
    paginator = lists.Paginator(YoungPerson.objects.none(), 25)
    assert paginator.count == 0 and not paginator.estimated
    assert len(paginator.page(1)) == 0


def test_a_list_of_something_else_than_a_queryset_is_counted(db):
    paginator = lists.Paginator([1, 2, 3], 2)
    assert paginator.count == 3 and not paginator.estimated
    assert paginator.page(1).has_next() and not paginator.page(2).has_next()


class _Everyone(lists.StaffListView):
    template_name = "people/young_person_list.html"  # not rendered
    csv_columns = (("Reference", "reference"), ("Organisation", lambda yp: yp.organisation.name))
    csv_filename = "everyone.csv"

    def get_base_queryset(self):
        return YoungPerson.objects.select_related("organisation").order_by("pk")


def _get(user, view=_Everyone, **params):
    request = RequestFactory().get("/everyone/", params)
    request.user = user
    return view.as_view()(request)


def test_a_list_sends_the_signed_out_to_sign_in(db):
    response = _get(AnonymousUser())
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_a_list_refuses_a_user_without_its_permission(officer, board_member):
    class Guarded(_Everyone):
        permission_required = "people.view_youngperson"

    with pytest.raises(PermissionDenied):
        _get(board_member, Guarded)
    assert _get(officer, Guarded).status_code == 200


def test_a_list_without_a_filter_set_shows_every_row_and_no_filter_form(officer, organisation):
    people = [factories.YoungPersonFactory(organisation=organisation) for _ in range(2)]
    response = _get(officer)
    context = response.context_data
    assert context["filter"] is None and context["filter_form"] is None
    assert [yp.pk for yp in context["object_list"]] == [yp.pk for yp in people]
    assert context["total"] == 2 and context["total_text"] == "2"
    assert context["csv_query"] == "format=csv"
    assert context["xlsx_query"] == "format=xlsx"


def test_a_list_exports_its_rows_as_csv(officer, organisation):
    people = [factories.YoungPersonFactory(organisation=organisation) for _ in range(2)]
    response = _get(officer, format="csv", q="kept")
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="everyone.csv"'
    body = b"".join(response.streaming_content).decode().splitlines()
    assert body[0] == "Reference,Organisation"
    assert body[1:] == [f"{yp.reference},{organisation.name}" for yp in people]


def test_a_list_exports_the_same_rows_as_xlsx(officer, organisation):
    import io

    import openpyxl

    people = [factories.YoungPersonFactory(organisation=organisation) for _ in range(2)]
    response = _get(officer, format="xlsx", q="kept")
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="everyone.xlsx"'
    body = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    assert list(sheet.iter_rows(values_only=True)) == [
        ("Reference", "Organisation"),
        *((yp.reference, organisation.name) for yp in people),
    ]


def test_a_list_asked_for_another_format_is_its_page(officer, organisation):
    response = _get(officer, format="pdf")
    assert response.status_code == 200 and "object_list" in response.context_data


def test_a_csv_of_no_rows_is_its_header_and_a_full_chunk_ends_clean():
    columns = (("N", lambda n: n),)
    assert list(exports.csv_rows([], columns)) == ["N\r\n"]
    chunks = list(exports.csv_rows(range(exports.ROWS_PER_CHUNK), columns))
    assert len(chunks) == 2 and chunks[1].count("\r\n") == exports.ROWS_PER_CHUNK
