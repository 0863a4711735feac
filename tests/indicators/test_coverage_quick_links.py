"""The home page's quick links: only those the user may open, and none to a page not installed."""

from heard.indicators import views


def test_a_quick_link_to_a_page_not_installed_is_left_out(officer, board_member, monkeypatch):
    monkeypatch.setattr(
        views,
        "QUICK_LINKS",
        [
            ("Gone", "people:no-such-page", "people.view_youngperson"),
            ("Young people", "people:young-person-list", "people.view_youngperson"),
        ],
    )
    assert [link["label"] for link in views.quick_links(officer)] == ["Young people"]
    assert views.quick_links(board_member) == []
