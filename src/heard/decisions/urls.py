"""Budgets and votes (issue 19): staff pages under budgets/, the portal's under portal/votes/."""

from django.urls import path

from heard.core.page_routes import page
from heard.core.record_routes import record_views
from heard.decisions import views

app_name = "decisions"

urlpatterns = [
    *record_views(
        views,
        "budgets/",
        "round",
        member=("delete",),
        member_views={
            "ballot": views.ballot_enter,
            "voters": views.voters,
            "verify": views.verify,
            "decide": views.decide,
            "tell": views.tell,
        },
    ),
    *record_views(views, "budgets/proposals/", "proposal", pages=("edit",), member=("withdraw",)),
    page("budgets/panels/", views.panels),
    page("budgets/<int:pk>/proposals/add/", views.proposal_create),
    path("portal/votes/", views.portal_rounds, name="portal-rounds"),
    page("portal/votes/<int:pk>/", views.portal_round),
    page("portal/votes/<int:pk>/vote/", views.portal_vote),
    page("portal/votes/<int:pk>/propose/", views.portal_propose),
]
