"""Who may read and write views, responses and feedback, and see the loop figures: one policy each.

Each policy answers both questions (``heard.core.policies``): "may this user do X to this
record?" and "which records may they do X to?". The permission strings stay those of the old
rules (``voice.view_view``, ``voice.add_response``, ``voice.add_feedback``, ...), so ``require``,
``can`` and ``{% has_perm %}`` ask these policies.

Programme roles do everything. A theme lead reads every view and response, records views for
sessions they may change, and answers for the views :func:`answers_for` names: they respond to
them, feed back on responses to them and change them. A partner worker sees only their own
organisation's views and the responses to them, records views for their organisation's sessions
and feedback on responses to their organisation's views. A safeguarding lead reads. A board
member sees only the loop figures: aggregates, never a view's text or a name.

"A theme lead answers for a view" is written once, here, from ``ViewResponsibility``
(``voice.responsibility`` keeps its rows from the links): a view of a theme they lead, given in
a session of a group they answer for (``Group.objects.led_by``), or given by such a group. Their
overdue lists, the respond and feedback pages and the permissions all ask it, so no list offers
a view they may not answer.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Exists, OuterRef, Q, QuerySet

from heard.core.policies import Policy, registered, role_of
from heard.core.roles import PROGRAMME_ROLES, Role
from heard.participation.models import Session
from heard.participation.policies import SESSION_POLICY
from heard.voice.models import Feedback, Response, View, ViewResponsibility

#: Roles that read every view, response and feedback (a partner worker reads their own).
READS_ALL = PROGRAMME_ROLES | {Role.THEME_LEAD, Role.SAFEGUARDING_LEAD}
#: Roles that see the loop figures (aggregates; a partner worker's cover their organisation).
SEES_FIGURES = READS_ALL | {Role.PARTNER_WORKER, Role.BOARD_MEMBER}

ResponseViews = Response.views.through


# "A theme lead answers for a view", once --------------------------------------------------------


def answered_by(user: Any, view: str = "pk") -> Exists:
    """For a filter on views (``view`` names the view's id): the user answers for the view."""
    return Exists(ViewResponsibility.objects.filter(user_id=user.pk, view_id=OuterRef(view)))


def answers_for(user: Any, view: View | None) -> bool:
    """Whether ``user`` answers for ``view`` (through its themes or groups)."""
    if view is None or view.pk is None:
        return False
    return ViewResponsibility.objects.filter(user_id=user.pk, view_id=view.pk).exists()


def answers_for_any(user: Any, response: Response | None) -> bool:
    """Whether ``user`` answers for any of the views a response answers."""
    if response is None or response.pk is None:
        return False
    return ViewResponsibility.objects.filter(user_id=user.pk, view__responses=response).exists()


def views_answered_by(user: Any, *, status: str, recorded_before: Any = None) -> QuerySet[View]:
    """The views ``user`` answers for (in ``status``, recorded before a day), read from their
    responsibility rows' copies of the status and date in one filter, so they are one range of
    the rows' index: testing "of their themes, their groups' sessions or their themes' groups"
    against each of the partnership's 168,000 open views cost 80-180 ms a query at national
    scale."""
    lookups: dict[str, Any] = {
        "responsibilities__user_id": user.pk,
        "responsibilities__status": status,
    }
    if recorded_before is not None:
        lookups["responsibilities__recorded_on__lt"] = recorded_before
    return View.objects.filter(**lookups)


# Helpers ----------------------------------------------------------------------------------------


def _own_organisation(user: Any, obj: Any) -> bool:
    return obj is not None and obj.organisation_id == getattr(user, "organisation_id", None)


def _of_own_organisation(user: Any, response: Response | None) -> bool:
    """A response answering any view of the user's organisation."""
    if response is None or response.pk is None:
        return False
    return response.views.filter(organisation_id=user.organisation_id).exists()


def _responses_of_organisation(user: Any) -> Exists:
    """Responses answering any view of the user's organisation (none without one)."""
    organisation: Any = getattr(user, "organisation_id", None)
    return Exists(
        ResponseViews.objects.filter(response_id=OuterRef("pk"), view__organisation_id=organisation)
    )


def _reads(user: Any, obj: Any, own: Any) -> bool:
    """Readers read every record; a partner worker their organisation's (``own(user, obj)``)."""
    role = role_of(user)
    if role in READS_ALL:
        return True
    return role == Role.PARTNER_WORKER and (obj is None or own(user, obj))


def _read_scope(user: Any, rows: QuerySet[Any], own: Q | Exists) -> QuerySet[Any]:
    """The scope of :func:`_reads`: every row for readers, a partner worker's ``own`` rows."""
    role = role_of(user)
    if role in READS_ALL:
        return rows
    if role == Role.PARTNER_WORKER:
        return rows.filter(own)
    return rows.none()


def _session_of(obj: Any) -> Session | None:
    if isinstance(obj, Session):
        return obj
    return getattr(obj, "session", None)


# Policies ---------------------------------------------------------------------------------------


class ViewPolicy(Policy[View]):
    """Views: read, recorded (``add`` takes the session or the new view), changed, and
    responded to (``respond``, published as ``voice.add_response``)."""

    model = View
    actions = ("view", "add", "change", "respond")
    names = {"respond": "voice.add_response"}

    def may_view(self, user: Any, view: View | None) -> bool:
        return _reads(user, view, _own_organisation)

    def view_scope(self, user: Any, views: QuerySet[View]) -> QuerySet[View]:
        return _read_scope(user, views, Q(organisation_id=getattr(user, "organisation_id", None)))

    def may_add(self, user: Any, obj: Any) -> bool:
        """``obj``: the session the view is recorded for, or the new view."""
        role = role_of(user)
        if role in PROGRAMME_ROLES:
            return True
        if role == Role.THEME_LEAD:
            session = _session_of(obj)
            return obj is None or (session is not None and SESSION_POLICY.may_change(user, session))
        return role == Role.PARTNER_WORKER and (obj is None or _own_organisation(user, obj))

    def add_scope(self, user: Any, views: QuerySet[View]) -> QuerySet[View]:
        if role_of(user) == Role.THEME_LEAD:
            return views.filter(session__in=SESSION_POLICY.scope(user, "change"))
        return self._organisation_scope(user, views, "add")

    def may_change(self, user: Any, view: View | None) -> bool:
        """A theme lead changes the views they answer for and those of sessions they change."""
        if role_of(user) == Role.THEME_LEAD and view is not None:
            return answers_for(user, view) or self.may_add(user, view)
        return self.may_add(user, view)

    def change_scope(self, user: Any, views: QuerySet[View]) -> QuerySet[View]:
        if role_of(user) == Role.THEME_LEAD:
            return views.filter(
                Q(answered_by(user)) | Q(session__in=SESSION_POLICY.scope(user, "change"))
            )
        return self._organisation_scope(user, views, "change")

    def may_respond(self, user: Any, view: View | None) -> bool:
        role = role_of(user)
        if role in PROGRAMME_ROLES:
            return True
        return role == Role.THEME_LEAD and (view is None or answers_for(user, view))

    def respond_scope(self, user: Any, views: QuerySet[View]) -> QuerySet[View]:
        if role_of(user) == Role.THEME_LEAD:
            return views.filter(answered_by(user))
        return views if self.allows(user, "respond") else views.none()

    def _organisation_scope(self, user: Any, views: QuerySet[View], action: str) -> QuerySet[View]:
        if role_of(user) == Role.PARTNER_WORKER:
            return views.filter(organisation_id=user.organisation_id)
        return views if self.allows(user, action) else views.none()


class ResponsePolicy(Policy[Response]):
    """Responses: read by whoever reads views (a partner worker: those answering their
    organisation's views), and fed back on (``feed_back``, published as ``voice.add_feedback``)
    by programme staff, a theme lead answering for any of its views, and a partner worker whose
    organisation gave any of them."""

    model = Response
    actions = ("view", "feed_back")
    names = {"feed_back": "voice.add_feedback"}

    def may_view(self, user: Any, response: Response | None) -> bool:
        return _reads(user, response, _of_own_organisation)

    def view_scope(self, user: Any, responses: QuerySet[Response]) -> QuerySet[Response]:
        return _read_scope(user, responses, _responses_of_organisation(user))

    def may_feed_back(self, user: Any, response: Response | None) -> bool:
        role = role_of(user)
        if role in PROGRAMME_ROLES:
            return True
        if role == Role.THEME_LEAD:
            return response is None or answers_for_any(user, response)
        return role == Role.PARTNER_WORKER and (
            response is None or _of_own_organisation(user, response)
        )

    def feed_back_scope(self, user: Any, responses: QuerySet[Response]) -> QuerySet[Response]:
        role = role_of(user)
        if role in PROGRAMME_ROLES:
            return responses
        if role == Role.THEME_LEAD:
            answered = ResponseViews.objects.filter(
                response_id=OuterRef("pk"), view__responsibilities__user_id=user.pk
            )
            return responses.filter(Exists(answered))
        if role == Role.PARTNER_WORKER:
            return responses.filter(_responses_of_organisation(user))
        return responses.none()


class FeedbackPolicy(Policy[Feedback]):
    """Feedback is read with its response: by whoever may read the response."""

    model = Feedback
    actions = ("view",)

    def may_view(self, user: Any, feedback: Feedback | None) -> bool:
        return RESPONSE_POLICY.may_view(user, feedback.response if feedback else None)

    def view_scope(self, user: Any, feedback: QuerySet[Feedback]) -> QuerySet[Feedback]:
        if role_of(user) == Role.PARTNER_WORKER:
            return feedback.filter(response__in=RESPONSE_POLICY.scope(user, "view").values("pk"))
        return feedback if self.allows(user, "view") else feedback.none()


def may_see_loop_figures(user: Any) -> bool:
    """The loop figures are aggregates: board members see them too."""
    return role_of(user) in SEES_FIGURES


VIEW_POLICY = ViewPolicy()
RESPONSE_POLICY = ResponsePolicy()
FEEDBACK_POLICY = FeedbackPolicy()

registered([VIEW_POLICY, RESPONSE_POLICY, FEEDBACK_POLICY])
rules.set_perm(
    "voice.view_loop_figures",
    rules.predicate(lambda user, obj=None: user is None or may_see_loop_figures(user)),
)
