"""Reads for the portal: the signed-in young person's own record, and the public pages.

Privacy by default: everything a portal page shows is read here from the young person held in the
portal session, never from an id in the request. A view a young person sees is one they gave, or
one their current group gave as a group; a view that names other young people and not them is
never shown, even when it was recorded against their group.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Exists, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from heard.core.permissions import require
from heard.groups.models import Theme
from heard.participation.models import Attendance, Session
from heard.people.models import YoungPerson
from heard.portal.models import SignInCode
from heard.voice import selectors as voice_selectors
from heard.voice.models import Feedback, Rating, Response, View

# --- Staff: the codes of one young person -------------------------------------------------------


def sign_in_codes_active(
    *, user: Any, young_person: YoungPerson, now: datetime.datetime | None = None
) -> QuerySet[SignInCode]:
    """Codes that still sign in: not revoked, not expired; newest first."""
    require(user, "portal.view_signincode", young_person)
    now = now or timezone.now()
    return (
        SignInCode.objects.filter(young_person=young_person, revoked_at__isnull=True)
        .filter(expires_at__gt=now)
        .select_related("created_by")
        .order_by("-created_at", "-id")
    )


def sign_in_code_get(*, user: Any, young_person: YoungPerson, pk: Any) -> SignInCode:
    require(user, "portal.view_signincode", young_person)
    try:
        return SignInCode.objects.select_related("young_person").get(
            pk=int(pk), young_person=young_person
        )
    except (SignInCode.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404("No such code.") from exc


# --- The young person in the portal -------------------------------------------------------------


def portal_young_person(
    *, young_person_id: Any, code_id: Any, now: datetime.datetime | None = None
) -> YoungPerson | None:
    """The young person a portal session belongs to, while the code that opened it still works.

    Revoking the code (or it expiring, or the record being made inactive) ends the session.
    """
    now = now or timezone.now()
    code = (
        SignInCode.objects.select_related("young_person")
        .filter(pk=code_id, young_person_id=young_person_id, revoked_at__isnull=True)
        .filter(expires_at__gt=now, young_person__is_active=True)
        .first()
    )
    return code.young_person if code is not None else None


def _views_of(young_person: YoungPerson) -> QuerySet[View]:
    """voice's views for the young person, narrowed to what is safe to show them."""
    named = View.young_people.through.objects.filter(view_id=OuterRef("pk"))
    return (
        voice_selectors.views_for_young_person(young_person)
        .filter(
            Exists(named.filter(youngperson_id=young_person.pk))
            | ~Exists(named.exclude(youngperson_id=young_person.pk))
        )
        .order_by("-recorded_on", "-id")
    )


#: Each outcome in words a child can read.
OUTCOME_WORDS = {
    Response.Outcome.CHANGED: _("we changed something"),
    Response.Outcome.PARTLY_CHANGED: _("we changed some things"),
    Response.Outcome.NOT_POSSIBLE: _("we could not do it, and here is why"),
    Response.Outcome.STILL_CONSIDERING: _("we are still thinking about it"),
}
#: The outcomes' names (the voice app's labels), for the Welsh catalogue: the public page
#: translates the label it shows (``{% translate response.get_outcome_display %}``).
OUTCOME_LABELS = (
    gettext_noop("Changed"),
    gettext_noop("Partly changed"),
    gettext_noop("Not possible"),
    gettext_noop("Still being considered"),
)


def outcome_words(response: Response) -> str:
    return str(OUTCOME_WORDS.get(response.outcome, response.get_outcome_display()))  # type: ignore[call-overload]


@dataclass
class PortalResponse:
    response: Response
    told_on: datetime.date | None
    rating: Rating | None

    @property
    def outcome_words(self) -> str:
        return outcome_words(self.response)


@dataclass
class PortalView:
    view: View
    is_own: bool
    group_name: str
    responses: list[PortalResponse] = field(default_factory=list)

    @property
    def told(self) -> list[PortalResponse]:
        return [item for item in self.responses if item.told_on is not None]


def portal_views(young_person: YoungPerson) -> list[PortalView]:
    """ "What happened to what I said": each view, and each response they have been told about.

    A fixed number of queries whatever the number of views: the views, their responses, who gave
    them (only whether it was this young person), the dates they were told, their ratings.
    """
    responses_allowed = voice_selectors.responses_for_young_person(young_person)
    views = list(
        _views_of(young_person)
        .select_related("group")
        .annotate(
            is_own=Exists(
                View.young_people.through.objects.filter(
                    view_id=OuterRef("pk"), youngperson_id=young_person.pk
                )
            )
        )
        .prefetch_related(
            Prefetch(
                "responses",
                queryset=Response.objects.filter(pk__in=responses_allowed.values("pk")).order_by(
                    "date", "id"
                ),
                to_attr="portal_responses",
            )
        )
    )
    response_ids = {response.pk for view in views for response in view.portal_responses}
    told = dict(
        Feedback.objects.filter(response_id__in=response_ids)
        .values("response_id")
        .annotate(first=Min("date"))
        .values_list("response_id", "first")
    )
    ratings = {
        rating.response_id: rating
        for rating in Rating.objects.filter(young_person=young_person, response_id__in=response_ids)
    }
    items = []
    for view in views:
        item = PortalView(
            view=view,
            is_own=bool(view.is_own),  # type: ignore[attr-defined]
            group_name=view.group.name if view.group_id and view.group else "",
        )
        for response in view.portal_responses:  # type: ignore[attr-defined]
            item.responses.append(
                PortalResponse(
                    response=response,
                    told_on=told.get(response.pk),
                    rating=ratings.get(response.pk),
                )
            )
        items.append(item)
    return items


def portal_response_get(young_person: YoungPerson, pk: Any) -> Response:
    """A response the young person may rate: to a view they can see, and told to them.

    Anything else is "not found", whether it exists or not.
    """
    try:
        pk = int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404("No such response.") from exc
    response = (
        voice_selectors.responses_for_young_person(young_person)
        .filter(pk=pk, views__in=_views_of(young_person).values("pk"))
        .filter(Exists(Feedback.objects.filter(response_id=OuterRef("pk"))))
        .first()
    )
    if response is None:
        raise Http404("No such response.")
    return response


def portal_sessions(young_person: YoungPerson) -> QuerySet[Session]:
    """Sessions the young person took part in: attended, or their own one-to-one sessions."""
    attended = Attendance.objects.filter(
        session_id=OuterRef("pk"), young_person=young_person, status=Attendance.Status.ATTENDED
    )
    return (
        Session.objects.filter(Q(Exists(attended)) | Q(young_person=young_person))
        .select_related("group")
        .order_by("-date", "-id")
    )


# --- Public "You said, we did" ------------------------------------------------------------------


@dataclass
class PublicItem:
    view: View
    responses: list[Response]


def public_items(*, theme: Theme | None = None, limit: int | None = None) -> list[PublicItem]:
    """Views whose consent is "publish", with their responses; nothing that names anyone."""
    # published_views loads the themes and the responses (oldest first), never who gave them.
    views = voice_selectors.published_views(theme=theme).filter(consent=View.Consent.PUBLISH)
    if limit is not None:
        views = views[:limit]
    return [PublicItem(view=view, responses=list(view.responses.all())) for view in views]


#: Cards on one page of the public "You said, we did" page (a partnership publishes tens of
#: thousands of views over the years: the page must not grow with them).
PUBLIC_PER_PAGE = 20


def public_page(
    *, theme: Theme | None = None, number: Any = 1
) -> tuple[Page[View], list[PublicItem]]:
    """One page of the public items, newest first, and the page for the pagination links."""
    views = voice_selectors.published_views(theme=theme).filter(consent=View.Consent.PUBLISH)
    page = Paginator(views, PUBLIC_PER_PAGE).get_page(number)
    return page, [PublicItem(view=view, responses=list(view.responses.all())) for view in page]


def public_themes() -> QuerySet[Theme]:
    """Themes with at least one published view, for the public page's list of themes."""
    # Each theme asks for one published view of its own, a subquery with LIMIT 1 that the
    # planner cannot fold into a join (an EXISTS it folds, then hashes every published view or
    # link once per theme); joining every published view to its themes and removing duplicates
    # took 200 ms at national scale (90,000 published views), this 15-25 ms.
    first_published = View.themes.through.objects.filter(
        theme_id=OuterRef("pk"), view__consent=View.Consent.PUBLISH
    ).values("view_id")[:1]
    return (
        Theme.objects.annotate(first_published=Subquery(first_published))
        .filter(first_published__isnull=False)
        .order_by("title")
    )


def public_theme_get(pk: Any) -> Theme:
    try:
        return Theme.objects.get(pk=int(pk))
    except (Theme.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404("No such theme.") from exc
