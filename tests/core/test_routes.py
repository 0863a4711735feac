"""``record_pages``: a kind of record's pages, each under its path and name."""

from heard.core.routes import record_pages


def _view(request, pk=None):  # pragma: no cover - routed, never called
    return None


def _routes(patterns):
    return [(str(pattern.pattern), pattern.name) for pattern in patterns]


def test_the_standard_pages_come_fixed_paths_first():
    pages = record_pages("checks/", "check", list=_view, create=_view, detail=_view, edit=_view)
    assert _routes(pages) == [
        ("checks/", "check-list"),
        ("checks/add/", "check-create"),
        ("checks/<int:pk>/", "check-detail"),
        ("checks/<int:pk>/edit/", "check-edit"),
    ]


def test_only_the_pages_handed_are_routed():
    assert _routes(record_pages("", "session", detail=_view, create_path="new/")) == [
        ("<int:pk>/", "session-detail")
    ]
    assert _routes(record_pages("", "session", create=_view, create_path="new/")) == [
        ("new/", "session-create")
    ]


def test_other_pages_of_the_kind_and_of_one_record_are_named_by_their_word():
    pages = record_pages(
        "concerns/",
        "concern",
        detail=_view,
        collection={"raise": _view, "raised": _view},
        member={"assign": _view, "monitoring-complete": _view},
    )
    assert _routes(pages) == [
        ("concerns/raise/", "concern-raise"),
        ("concerns/raised/", "concern-raised"),
        ("concerns/<int:pk>/", "concern-detail"),
        ("concerns/<int:pk>/assign/", "concern-assign"),
        ("concerns/<int:pk>/monitoring-complete/", "concern-monitoring-complete"),
    ]
