"""Staff pages for opportunities and their sign-ups: selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from heard.core import tables
from heard.core.columns import DESCRIPTION_CSV, HOW, KIND, ORGANISATION, STATUS, YOUNG_PERSON
from heard.core.confirm import confirm_page
from heard.core.forms import add_service_errors, form_page
from heard.core.lists import StaffListView
from heard.core.permissions import can, require
from heard.core.record_views import page_url
from heard.core.records import Record
from heard.opportunities import selectors, services
from heard.opportunities.filters import OpportunityFilter, SignUpFilter
from heard.opportunities.forms import (
    AttendanceForm,
    OpportunityForm,
    SignUpForm,
    opportunity_initial,
    person_label,
)
from heard.opportunities.models import Opportunity, SignUp

VIEW_SIGN_UPS = "opportunities.view_signup"
ADD_SIGN_UP = "opportunities.add_signup"
CHANGE_SIGN_UP = "opportunities.change_signup"


OPPORTUNITY = Record(
    "opportunities:opportunity",
    "opportunities.opportunity",
    selectors.opportunity_get,
    form=OpportunityForm,
    initial=opportunity_initial,
)


sign_ups_url = page_url("opportunities:opportunity-sign-ups")


OpportunityListView = OPPORTUNITY.list_view(
    title="Opportunities",
    selector=selectors.opportunities_visible_to,
    filterset_class=OpportunityFilter,
    columns=(
        OPPORTUNITY.link_column("Title", "title"),
        KIND,
        tables.Column(gettext_lazy("Starts"), "starts_at"),
        tables.Column(gettext_lazy("Closing date"), "closes_on"),
        ORGANISATION,
        STATUS,
        tables.Column(gettext_lazy("Places"), lambda row: row.places if row.places else "No limit"),
        tables.Column(gettext_lazy("Signed up"), "taken", numeric=True),
        tables.Column(gettext_lazy("Where"), "where", in_table=False),
        DESCRIPTION_CSV,
        tables.Column(gettext_lazy("Accessibility"), "accessibility", in_table=False),
        tables.Column(
            gettext_lazy("Age bands"), lambda row: ", ".join(row.age_band_labels()), in_table=False
        ),
        tables.Column(gettext_lazy("Areas"), lambda row: ", ".join(row.areas), in_table=False),
    ),
)


opportunity_detail = OPPORTUNITY.detail_view(
    "opportunities/opportunity_detail.html",
    lambda request, opportunity: {
        "can_view_sign_ups": can(request.user, VIEW_SIGN_UPS, SignUp(opportunity=opportunity))
    },
)


opportunity_create = OPPORTUNITY.create_view(
    services.opportunity_add,
    title="Add an opportunity",
    submit_label="Add opportunity",
    initial=lambda request: {"status": "draft"},
)
opportunity_edit = OPPORTUNITY.edit_view(services.opportunity_update)
opportunity_delete = OPPORTUNITY.delete_view(
    services.opportunity_delete, template="opportunities/opportunity_delete.html"
)


# Sign-ups -------------------------------------------------------------------------------------


def _opportunity_for_sign_ups(request: HttpRequest, pk: Any, permission: str) -> Opportunity:
    opportunity = selectors.opportunity_get(request.user, pk)
    if not can(request.user, permission, SignUp(opportunity=opportunity)):
        raise PermissionDenied
    return opportunity


def _sign_ups_form(
    request: HttpRequest, pk: Any, permission: str, form_class: Any
) -> tuple[Opportunity, Any, str]:
    """The opportunity whose sign-ups the page changes, the page's form on it, and the way back
    to its sign-ups."""
    opportunity = _opportunity_for_sign_ups(request, pk, permission)
    form = form_class(request.POST or None, user=request.user, opportunity=opportunity)
    return opportunity, form, sign_ups_url(opportunity)


class SignUpListView(StaffListView):
    """One opportunity's sign-ups, with their exports."""

    template_name = "opportunities/sign_up_list.html"
    filterset_class = SignUpFilter
    permission_required = VIEW_SIGN_UPS
    title = "Sign-ups"
    selector = staticmethod(selectors.sign_ups_visible_to)
    columns = (
        YOUNG_PERSON,
        tables.Column(gettext_lazy("Signed up"), "signed_up_at"),
        HOW,
        STATUS,
        tables.Column(
            gettext_lazy("Session"),
            lambda row: str(row.session) if row.session else "",
            cell='{% if row.session %}<a class="govuk-link" '
            'href="{% url "participation:session-detail" row.session_id %}">{{ row.session }}</a>'
            "{% endif %}",
        ),
        tables.Column(
            gettext_lazy("Actions"),
            in_csv=False,
            cell='{% if can_change and row.status == "signed_up" %}<a class="govuk-link" '
            'href="{% url "opportunities:sign-up-withdraw" row.pk %}">Withdraw<span '
            'class="govuk-visually-hidden"> {{ row.young_person.reference }}</span></a>'
            "{% endif %}",
        ),
    )

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated:
            self.opportunity = _opportunity_for_sign_ups(request, kwargs["pk"], VIEW_SIGN_UPS)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self) -> QuerySet[Any]:
        return selectors.opportunity_sign_ups(self.request.user, self.opportunity)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user, probe = self.request.user, SignUp(opportunity=self.opportunity)
        context.update(
            opportunity=self.opportunity,
            title=f"Sign-ups for {self.opportunity.title}",
            can_add=can(user, ADD_SIGN_UP, self.opportunity),
            can_change=can(user, CHANGE_SIGN_UP, probe),
            can_attend=can(user, CHANGE_SIGN_UP, probe)
            and selectors.waiting_sign_ups(self.opportunity).exists(),
        )
        return context


@login_required
def sign_up_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    opportunity, form, back = _sign_ups_form(request, pk, ADD_SIGN_UP, SignUpForm)
    return form_page(
        request,
        form,
        lambda: services.sign_up_add(actor=user, opportunity=opportunity, **form.cleaned_data),
        success=lambda added: f"{person_label(added.young_person, user)} signed up.",
        then=back,
        title=f"Sign up a young person for {opportunity.title}",
        submit_label="Sign up",
        cancel_url=back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def sign_up_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    sign_up = selectors.sign_up_get(user, pk)
    require(user, CHANGE_SIGN_UP, sign_up)
    back = sign_ups_url(sign_up.opportunity_id)
    return confirm_page(
        request,
        lambda: services.sign_up_withdraw(actor=user, sign_up=sign_up),
        success=lambda: f"Sign-up of {sign_up.young_person.reference} withdrawn.",
        then=back,
        template="opportunities/sign_up_withdraw.html",
        context=lambda: {
            "sign_up": sign_up,
            "title": _("Withdraw this sign-up?"),
            "cancel_url": back,
            "who": person_label(sign_up.young_person, user),
        },
        error_status=200,
    )


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Turn the sign-ups of those who came into attendance at a session."""
    user = request.user
    opportunity, form, back = _sign_ups_form(request, pk, CHANGE_SIGN_UP, AttendanceForm)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.sign_ups_attend(actor=user, opportunity=opportunity, **form.values())
        except ValidationError as exc:
            add_service_errors(form, exc, aliases={"attendees": ("sign_ups",)})
        else:
            messages.success(
                request, _("Attendance recorded at %(session)s.") % {"session": session}
            )
            return redirect(back)
    context = {
        "form": form,
        "opportunity": opportunity,
        "title": _("Record who came to %(title)s") % {"title": opportunity.title},
        "submit_label": _("Record attendance"),
        "cancel_url": back,
    }
    return render(request, "opportunities/attendance.html", context)
