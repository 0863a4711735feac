"""``record_views``: a record's pages found in its views module by their conventional names,
routed as ``record_pages`` routes them."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.views import View

from heard.core.page_routes import named, page
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


class YoungPersonListView(View):  # routed, never called
    pass


def test_the_list_is_found_by_its_conventional_name():
    by_class = SimpleNamespace(__name__="views", YoungPersonListView=YoungPersonListView)
    (route,) = record_views(by_class, "people/", "young-person", pages=("list",))
    assert (str(route.pattern), route.name) == ("people/", "young-person-list")
    assert route.callback.view_class is YoungPersonListView
    by_function = SimpleNamespace(__name__="views", young_person_list=_other)
    (route,) = record_views(by_function, "", "young-person", pages=("list",))
    assert route.callback is _other
    with pytest.raises(ImproperlyConfigured, match="YoungPersonListView or young_person_list"):
        record_views(VIEWS, "", "young-person", pages=("list",))


def test_a_hyphenated_member_word_finds_its_view():
    views = SimpleNamespace(__name__="views", young_person_add_item=_view)
    (route,) = record_views(views, "", "young-person", pages=(), member=("add-item",))
    assert (str(route.pattern), route.name, route.callback) == (
        "<int:pk>/add-item/",
        "young-person-add-item",
        _view,
    )


class PasswordResetDoneView(View):  # routed, never called
    pass


def test_page_names_a_class_based_view_after_its_class():
    assert page("done/", PasswordResetDoneView).name == "password-reset-done"

    def calendar_ics(request):  # pragma: no cover - routed, never called
        return None

    assert page("calendar.ics", calendar_ics).name == "calendar-ics"


def _made_here():
    def view(request):  # pragma: no cover - never called
        return None

    return named(view, "made_here")


#: Made at import, as an app's views module makes its pages with a factory.
MADE_HERE = _made_here()


def test_a_factory_made_view_is_named_by_the_module_that_made_it():
    assert (MADE_HERE.__module__, MADE_HERE.__name__, MADE_HERE.__qualname__) == (
        __name__,
        "made_here",
        "made_here",
    )
