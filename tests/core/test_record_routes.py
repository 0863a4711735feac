"""``record_views``: a record's pages found in its views module by their conventional names,
routed as ``record_pages`` routes them."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured

from heard.core.record_routes import record_views
from heard.core.routes import record_pages


def _view(request, pk=None):  # pragma: no cover - routed, never called
    return None


def _other(request, pk=None):  # pragma: no cover - routed, never called
    return None


VIEWS = SimpleNamespace(
    __name__="views",
    young_person_create=_view,
    young_person_detail=_view,
    young_person_edit=_view,
    young_person_delete=_view,
    young_person_export=_view,
)


def _routes(patterns):
    return [(str(pattern.pattern), pattern.name, pattern.callback) for pattern in patterns]


def test_the_conventional_views_route_as_record_pages_would():
    pages = record_views(
        VIEWS,
        "people/",
        "young-person",
        list=_other,
        member=("delete", "export"),
        member_views={"merge": _other},
        create_path="new/",
    )
    assert _routes(pages) == _routes(
        record_pages(
            "people/",
            "young-person",
            list=_other,
            create=VIEWS.young_person_create,
            detail=VIEWS.young_person_detail,
            edit=VIEWS.young_person_edit,
            member={
                "delete": VIEWS.young_person_delete,
                "export": VIEWS.young_person_export,
                "merge": _other,
            },
            create_path="new/",
        )
    )
    assert [name for _, name, _ in _routes(pages)] == [
        "young-person-list",
        "young-person-create",
        "young-person-detail",
        "young-person-edit",
        "young-person-delete",
        "young-person-export",
        "young-person-merge",
    ]


def test_only_the_pages_named_are_routed():
    pages = record_views(VIEWS, "", "young-person", pages=("edit",))
    assert [(route, name) for route, name, _ in _routes(pages)] == [
        ("<int:pk>/edit/", "young-person-edit")
    ]


def test_a_missing_view_fails_when_the_urls_load():
    with pytest.raises(ImproperlyConfigured, match="young_person_archive"):
        record_views(VIEWS, "", "young-person", member=("archive",))
    with pytest.raises(ImproperlyConfigured, match="no view organisation_create"):
        record_views(VIEWS, "", "organisation")


def test_only_the_standard_pages_may_be_named_as_pages():
    with pytest.raises(ImproperlyConfigured, match="Not a standard page: delete"):
        record_views(VIEWS, "", "young-person", pages=("detail", "delete"))
