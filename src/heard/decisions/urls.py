"""Budgets and votes (issue 19): staff pages under budgets/, the portal's under portal/votes/."""

from django.urls import path

from heard.core.record_routes import record_views
from heard.decisions import views

app_name = "decisions"

urlpatterns = [
    *record_views(
        views,
        "budgets/",
        "round",
        list=views.RoundListView.as_view(),
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
    path("budgets/panels/", views.panels, name="panels"),
    path("budgets/<int:pk>/proposals/add/", views.proposal_create, name="proposal-create"),
    path("portal/votes/", views.portal_rounds, name="portal-rounds"),
    path("portal/votes/<int:pk>/", views.portal_round, name="portal-round"),
    path("portal/votes/<int:pk>/vote/", views.portal_vote, name="portal-vote"),
    path("portal/votes/<int:pk>/propose/", views.portal_propose, name="portal-propose"),
]
