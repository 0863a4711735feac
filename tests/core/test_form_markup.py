"""Stored markup never becomes markup (issue 15, section 5, "stored HTML injection").

Every stored string a page can show (young people's names and references, group, theme,
organisation, staff and method names, titles, notes, views...) is set to a payload, then every page
of Heard (every URL pattern outside the API and Django's admin) is opened as each of several roles,
forms included, and the HTML is parsed: no element the payload would add may appear. A new URL
pattern is crawled without changing this test; one that no role can open must be listed in
``NOT_HTML`` with its reason, so a form cannot be added without being checked. The same crawl
checks that every control of every form is a GOV.UK component (issue 17,
``tests/core/test_forms_govuk.py``), on each page and on each form after an empty POST.
"""

from __future__ import annotations

import datetime
import re
import time
from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from heard.core.models import AuditEntry, Partnership
from heard.core.roles import Role
from heard.participation.headcounts import Headcount
from heard.participation.models import Method
from heard.portal import services as portal_services
from heard.portal.views import PORTAL_SESSION_KEY
from heard.privacy.models import BenchmarkShare, Consent, EqualityRecord, LeastHeardTarget
from tests import factories

#: An element with this id, or any <meta http-equiv>, can only come from stored data.
MARKER = "xinj"
TAG = f"<b id={MARKER}>"  # 11 characters: fits a 12-character reference too
META = '<meta http-equiv="refresh" content="0;url=https://evil.example/">'  # the issue's 70


def payload(text: str = "") -> str:
    return f"{TAG}{text}"


#: Patterns that answer with something other than an HTML page, or only to POST.
NOT_HTML = {
    "core:healthz": "plain text",
    "core:sign-out": "POST only",
    "portal:sign-out": "POST only",
    "portal:rate": "POST only",
    "portal:evaluate": "POST only",
    "consultations:question-move": "POST only",
    "groups:calendar-ics": "iCalendar",
    "groups:group-calendar-ics": "iCalendar",
    "groups:calendar-feed": "iCalendar, read with a private key",
    "voice:evidence-download": "the file itself",
    "resources:resource-download": "the file itself",
    "privacy:subject-access-json": "JSON",
    "privacy:subject-access-pdf": "PDF",
    "portal:poster": "PDF",
    "portal:theme-poster": "PDF",
    "core:two-factor": "only between password and code (tests/core/test_security.py)",
    "core:two-factor-backup-code": "only between password and code",
    "core:backup-codes-regenerate": "POST only",
    "core:root": "a redirect",
    "participation:session-monitoring-complete": "POST only",
    "indicators:report-create": "POST only",
    # rewards (issue 19, M16): certificates, receipts and the finance export are files
    "rewards:recognition-certificate": "PDF",
    "rewards:portal-certificate": "PDF",
    "rewards:item-receipt": "the file itself",
    "rewards:claim-finance": "CSV or XLSX",
    # operations: health endpoints for load balancers
    "health:live": "JSON",
    "health:ready": "JSON",
}
#: Messages that tell (issue 20): "Retry now" is a button's POST.
NOT_HTML["messaging:retry"] = "POST only"
#: Welsh and English (issue 20): the language switch is a POST; a GET only redirects back.
NOT_HTML["set_language"] = "POST only"
# Background jobs (issue 20): trying again is a POST; the download is the job's file.
NOT_HTML["jobs:job-try-again"] = "POST only"
NOT_HTML["jobs:job-download"] = "a file download (the job's result)"


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.injected: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id") == MARKER or (tag == "meta" and "http-equiv" in attributes):
            self.injected.append(f"<{tag} {attributes}>")


def injected_elements(html: str) -> list[str]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.injected


def test_the_checker_finds_injected_elements() -> None:
    assert injected_elements(f"<p>{TAG}x</b>{META}</p>") == [
        f"<b {{'id': '{MARKER}'}}>",
        "<meta {'http-equiv': 'refresh', 'content': '0;url=https://evil.example/'}>",
    ]
    assert injected_elements("<p>&lt;b id=xinj&gt;</p>") == []


def _patterns(patterns: list[Any], prefix: str = "", namespace: str = "") -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for item in patterns:
        if isinstance(item, URLResolver):
            ns = f"{namespace}{item.namespace}:" if item.namespace else namespace
            found += _patterns(item.url_patterns, prefix + str(item.pattern), ns)
        elif isinstance(item, URLPattern) and item.name:
            found.append((f"{namespace}{item.name}", prefix + str(item.pattern)))
    return found


def page_names() -> list[str]:
    skipped = ("api/", "django-admin/")
    return sorted(
        {
            name
            for name, route in _patterns(get_resolver().url_patterns)
            if not route.startswith(skipped)
        }
    )


@pytest.fixture
def world(db, make_user):
    """One of everything, every stored string a payload."""
    Partnership.objects.update_or_create(pk=1, defaults={"name": payload("Partnership")})
    organisation = factories.OrganisationFactory(
        name=payload("Organisation"), area=payload("Area"), contact_name=payload("Contact")
    )
    staff = make_user(
        Role.PARTICIPATION_OFFICER, full_name=payload("Staff"), job_title=payload("Job")
    )
    users = {
        "admin": make_user(Role.ADMINISTRATOR, full_name=payload("Admin")),
        "lead": make_user(Role.PARTICIPATION_LEAD, full_name=payload("Lead")),
        "officer": staff,
        "safeguarding_lead": make_user(Role.SAFEGUARDING_LEAD, full_name=payload("SG")),
        "partner_worker": make_user(
            Role.PARTNER_WORKER, organisation=organisation, full_name=payload("Worker")
        ),
        # Without two-factor sign-in yet: the set-up page is theirs.
        "board_member": make_user(Role.BOARD_MEMBER, full_name=payload("Board")),
    }
    # A calendar address, so the page that turns it off opens (issue 18).
    from heard.people.services import calendar_feed_make

    calendar_feed_make(actor=staff)
    young_person = factories.YoungPersonFactory(
        first_name=payload("First"),
        last_name=payload("Last"),
        preferred_name=META,
        organisation=organisation,
        area=payload("Town"),
        communication_needs=payload("Needs"),
        access_needs=payload("Access"),
    )
    type(young_person).objects.filter(pk=young_person.pk).update(reference=TAG)
    young_person.refresh_from_db()
    other = factories.YoungPersonFactory(
        first_name=payload("Second"), preferred_name=payload("Pref"), organisation=organisation
    )
    theme = factories.ThemeFactory(
        title=payload("Theme"), description=payload("About"), lead=users["lead"]
    )
    review = factories.ThemeReviewFactory(theme=theme, summary=payload("Summary"))
    group = factories.GroupFactory(
        name=payload("Group"), host_organisation=organisation, description=payload("Desc")
    )
    factories.GroupThemeFactory(group=group, theme=theme)
    membership = factories.MembershipFactory(group=group, young_person=young_person)
    factories.MembershipFactory(group=group, young_person=other)
    method = Method.objects.create(name=payload("Method"))
    session = factories.SessionFactory(
        group=group,
        title=payload("Session"),
        notes=payload("Notes"),
        partner_staff_present=payload("Partner staff"),
    )
    session.methods.add(method)
    session.staff_present.add(staff)
    session.themes.add(theme)
    factories.AttendanceFactory(session=session, young_person=young_person)
    factories.AttendanceFactory(session=session, young_person=other)
    headcount = Headcount.objects.create(
        session=session, age_band="8_10", count=12, school=payload("School")
    )
    view = factories.ViewFactory(
        session=session, text=payload("View"), young_people=[young_person], themes=[theme]
    )
    factories.ViewFactory(session=session, text=payload("Open view"), young_people=[other])
    evidence = factories.EvidenceFactory(view=view, description=payload("Drawing"))
    response = factories.ResponseFactory(
        views=[view],
        decision_maker=payload("Decider"),
        explanation=payload("Because"),
        plain_language=payload("Plain"),
    )
    factories.FeedbackFactory(response=response, notes=payload("Told"))
    factories.RatingFactory(response=response, young_person=young_person, comment=payload("Hm"))
    concern = factories.ConcernFactory(
        young_person=young_person,
        raised_by=staff,
        what_happened=payload("Happened"),
        who_was_present=payload("Present"),
        immediate_action=payload("Action"),
        child_told=payload("Told"),
        referral_reference=payload("Ref"),
    )
    check = factories.BackgroundCheckFactory(staff=staff)
    training = factories.TrainingRecordFactory(staff=staff, course=payload("Course"))
    consent = Consent.objects.create(
        young_person=young_person,
        purpose=Consent.Purpose.QUOTES,
        given_by=Consent.GivenBy.YOUNG_PERSON,
        given_on=datetime.date(2026, 4, 1),
        how=Consent.How.WRITTEN,
        notes=payload("Consent"),
    )
    EqualityRecord.objects.create(
        young_person=young_person, gender_description=payload("Gender"), area=payload("Place")
    )
    BenchmarkShare.objects.create(
        characteristic="area", value=payload("Value"), share=10, source=payload("Source")
    )
    target = LeastHeardTarget.objects.create(
        group="named",
        name=payload("Target"),
        characteristic="area",
        value=payload("Value"),
        target=10,
        start=datetime.date(2026, 4, 1),
        end=datetime.date(2027, 3, 31),
    )
    from tests.plans.markup import plan_pages  # action plans (M10)

    plan_kwargs = plan_pages(organisation, staff, payload)
    from tests.audits.markup import audit_pages  # audits and kite marks (M11)

    audit_kwargs = audit_pages(organisation, staff, young_person, payload)
    from tests.involvement.markup import involvement_pages  # involvement and evaluations

    involvement_kwargs = involvement_pages(organisation, session, young_person, payload)
    from tests.consultations.markup import consultation_pages  # consultations (M9)

    consultation_kwargs = consultation_pages(organisation, theme, young_person, payload)
    from tests.indicators.markup import indicator_pages  # indicators (M12)

    indicator_kwargs = indicator_pages(theme, organisation, payload)
    from tests.indicators.reports.markup import report_pages  # reports (M22)

    report_kwargs, report_queries = report_pages(organisation, payload)
    from tests.opportunities.markup import opportunity_pages  # opportunities (M18)

    opportunity_kwargs = opportunity_pages(organisation, young_person, payload)
    from tests.resources.markup import resource_pages  # the resources library (M20)

    resource_kwargs = resource_pages(organisation, session, theme, payload)
    from tests.rewards.markup import reward_pages  # recognition and expenses (M16)

    reward_kwargs = reward_pages(organisation, session, young_person, payload)
    from tests.decisions.markup import decision_pages  # budgets and votes (M17)

    decision_kwargs = decision_pages(organisation, young_person, payload)
    from heard.jobs.models import Job, Status  # background jobs (issue 20)

    job = Job.objects.create(
        kind="export",
        label=payload("Job"),
        requested_by=users["lead"],
        status=Status.FAILED,
        error=payload("Error"),
    )
    job_kwargs = {
        name: {"job_uuid": job.uuid}
        for name in ("jobs:job-detail", "jobs:job-download", "jobs:job-try-again")
    }
    code, _plain = portal_services.sign_in_code_issue(actor=staff, young_person=young_person)
    AuditEntry.objects.create(
        actor=staff,
        action=AuditEntry.Action.UPDATE,
        object_type="people.youngperson",
        object_id=str(young_person.pk),
        object_label=payload("Label"),
        changes={"preferred_name": [payload("Old"), META]},
    )
    reset = {"uidb64": urlsafe_base64_encode(force_bytes(staff.pk))}
    kwargs = {
        "core:two-factor-reset": {"pk": staff.pk},
        "core:password-reset-confirm": reset | {"token": default_token_generator.make_token(staff)},
        "core:history": {"object_type": "people.youngperson", "object_id": young_person.pk},
        "people:young-person-detail": {"pk": young_person.pk},
        "people:young-person-edit": {"pk": young_person.pk},
        "people:organisation-detail": {"pk": organisation.pk},
        "people:organisation-edit": {"pk": organisation.pk},
        "people:staff-edit": {"pk": staff.pk},
        "groups:theme-detail": {"pk": theme.pk},
        "groups:theme-edit": {"pk": theme.pk},
        "groups:theme-review-add": {"pk": theme.pk},
        "groups:group-detail": {"pk": group.pk},
        "groups:group-edit": {"pk": group.pk},
        "groups:group-move-stage": {"pk": group.pk},
        "groups:group-calendar-ics": {"pk": group.pk},
        "groups:membership-add": {"pk": group.pk},
        "groups:membership-end": {"pk": group.pk, "membership_pk": membership.pk},
        "participation:session-detail": {"pk": session.pk},
        "participation:session-edit": {"pk": session.pk},
        "participation:concern-raise": {"pk": session.pk},
        "participation:headcount-add": {"pk": session.pk},
        "participation:headcount-remove": {"pk": headcount.pk},
        "participation:session-monitoring-complete": {"pk": session.pk},
        "voice:view-detail": {"pk": view.pk},
        "voice:view-edit": {"pk": view.pk},
        "voice:evidence-add": {"pk": view.pk},
        "voice:evidence-download": {"pk": evidence.pk},
        "voice:session-views-create": {"session_pk": session.pk},
        "voice:response-detail": {"pk": response.pk},
        "voice:feedback-create": {"pk": response.pk},
        "voice:young-person-journey": {"pk": young_person.pk},
        "safeguarding:concern-detail": {"pk": concern.pk},
        "safeguarding:concern-assign": {"pk": concern.pk},
        "safeguarding:concern-decide": {"pk": concern.pk},
        "safeguarding:concern-close": {"pk": concern.pk},
        "safeguarding:check-edit": {"pk": check.pk},
        "safeguarding:training-edit": {"pk": training.pk},
        "privacy:consents": {"pk": young_person.pk},
        "privacy:consent-add": {"pk": young_person.pk},
        "privacy:consent-withdraw": {"pk": consent.pk},
        "privacy:equality": {"pk": young_person.pk},
        "privacy:equality-edit": {"pk": young_person.pk},
        "privacy:subject-access": {"pk": young_person.pk},
        "privacy:subject-access-json": {"pk": young_person.pk},
        "privacy:subject-access-pdf": {"pk": young_person.pk},
        "privacy:erase": {"pk": young_person.pk},
        "privacy:target-edit": {"pk": target.pk},
        "portal:rate": {"pk": response.pk},
        "portal:codes": {"pk": young_person.pk},
        "portal:code-revoke": {"pk": young_person.pk, "code_pk": code.pk},
        "portal:public-theme": {"pk": theme.pk},
        "portal:theme-poster": {"pk": theme.pk},
        **plan_kwargs,
        **audit_kwargs,
        **indicator_kwargs,
        **report_kwargs,
        **decision_kwargs,
        **involvement_kwargs,
        **consultation_kwargs,
        **opportunity_kwargs,
        **resource_kwargs,
        **reward_kwargs,
        **job_kwargs,
    }
    #: Pages whose form is reached through a query (the second step of a form), or after
    #: another page: a reset link's token is swapped for "set-password" in the session.
    set_password = reverse("core:password-reset-confirm", kwargs=reset | {"token": "set-password"})
    queries = {
        "core:password-reset-confirm": ["", f"#then{set_password}"],
        "participation:session-create": ["", f"?group={group.pk}", f"?young_person={TAG}"],
        "voice:response-create": [f"?views={view.pk}", f"?views={view.pk - 0}&views={view.pk + 1}"],
        "people:young-person-list": ["", f"?q={TAG}"],
        "voice:view-list": ["", "?status=open"],
        "voice:loop-figures": ["", f"?organisation={organisation.pk}", f"?group={group.pk}"],
        **report_queries,
    }
    return {
        "users": users,
        "kwargs": kwargs,
        "queries": queries,
        "young_person": young_person,
        "code": code,
        "review": review,
    }


def _urls(world: dict[str, Any], name: str) -> list[str]:
    base = reverse(name, kwargs=world["kwargs"].get(name))
    return [
        query.removeprefix("#then") if query.startswith("#then") else base + query
        for query in world["queries"].get(name, [""])
    ]


def _prepare(client: Any, name: str) -> None:
    """What a page needs in the session: the thank-you page after raising a concern."""
    if name == "safeguarding:concern-raised":
        session = client.session
        session["safeguarding_raised"] = TAG
        session.save()


def _assert_clean(response: Any, url: str, who: str) -> None:
    """No stored markup on the page, and (issue 17) every control of its forms is a GOV.UK
    component (tests/core/test_forms_govuk.py): one crawl for both."""
    from tests.core.test_forms_govuk import bare_controls

    assert response.status_code != 500, f"{url} as {who}"
    if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
        html = response.content.decode()
        found = injected_elements(html)
        assert not found, f"{url} as {who} shows stored markup: {found}"
        bare = bare_controls(html)
        assert not bare, f"{url} as {who} has controls that are not GOV.UK components: {bare}"


def test_no_page_or_form_shows_stored_markup(world, client) -> None:
    opened: set[str] = set()
    names = [name for name in page_names() if name not in NOT_HTML]
    for who, user in world["users"].items():
        client.force_login(user)
        for name in names:
            for url in _urls(world, name):
                _prepare(client, name)
                response = client.get(url)
                _assert_clean(response, url, who)
                if response.status_code == 200:
                    opened.add(name)
        client.logout()
    # Anonymous, and a young person signed in to the portal.
    for name in names:
        for url in _urls(world, name):
            response = client.get(url)
            _assert_clean(response, url, "anonymous")
            if response.status_code == 200:
                opened.add(name)
    session = client.session
    session[PORTAL_SESSION_KEY] = {
        "young_person": world["young_person"].pk,
        "code": world["code"].pk,
        "at": time.time(),
    }
    session.save()
    from tests.consultations.markup import PORTAL_PAGES as SURVEY_PAGES  # surveys (M9)
    from tests.decisions.markup import PORTAL_PAGES as VOTE_PAGES  # budgets and votes (M17)
    from tests.opportunities.markup import PORTAL_PAGES  # opportunities' portal pages (M18)
    from tests.rewards.markup import PORTAL_PAGES as REWARD_PAGES  # certificates (M16)

    # The safe word's pages (issue 19) show nothing stored: help-sent opens only after a press,
    # which the young person's portal session remembers.
    safe_word = ("portal:help",)
    portal_pages = (
        ("portal:home", "portal:sessions", "portal:sign-in", "portal:how-it-went")
        + safe_word
        + tuple(PORTAL_PAGES)
        + tuple(SURVEY_PAGES)
        + tuple(VOTE_PAGES)
        + tuple(REWARD_PAGES)
    )
    for name in portal_pages:
        response = client.get(_urls(world, name)[0])
        _assert_clean(response, name, "young person")
        if response.status_code == 200:
            opened.add(name)
    help_page = client.get(reverse("portal:help")).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', help_page)
    assert token, "the safe word's form carries its one-time token"
    sent = client.post(
        reverse("portal:help"), {"token": token.group(1), "words": payload("Words")}, follow=True
    )
    _assert_clean(sent, "portal:help-sent", "young person")
    assert sent.redirect_chain[-1][0] == reverse("portal:help-sent")
    assert "Childline" in sent.content.decode()
    opened.add("portal:help-sent")
    never_opened = set(names) - opened
    assert not never_opened, f"no role opened {sorted(never_opened)}: give them data or a reason"


def test_forms_with_errors_show_no_stored_markup(world, client) -> None:
    """Posted empty, each form shows again with its errors: labels, legends and hints as before."""
    skip = {"core:sign-in", "portal:sign-in", "core:two-factor-setup", "core:two-factor-account"}
    for who in ("lead", "partner_worker"):
        client.force_login(world["users"][who])
        for name in page_names():
            if name in NOT_HTML or name in skip or name.startswith("portal:code"):
                continue
            for url in _urls(world, name):
                response = client.get(url)
                if response.status_code != 200 or b'method="post"' not in response.content:
                    continue
                _assert_clean(client.post(url, {}), url, f"{who} (POST)")
                client.force_login(world["users"][who])


def test_the_attendance_legend_and_whole_group_label_are_text(world, client) -> None:
    """The issue's two labels: the session edit page's legends and "The whole group (...)"."""
    client.force_login(world["users"]["lead"])
    session_pk = world["kwargs"]["participation:session-edit"]["pk"]
    edit = client.get(reverse("participation:session-edit", args=[session_pk])).content.decode()
    assert "&lt;meta http-equiv=&quot;refresh&quot;" in edit
    views = client.get(reverse("voice:session-views-create", args=[session_pk])).content.decode()
    assert f"The whole group (&lt;b id={MARKER}&gt;Group)" in views
    assert not injected_elements(edit) and not injected_elements(views)


def test_every_crispy_label_legend_and_hint_is_escaped() -> None:
    """Each kind of field the pack draws, labelled from data; a label built with format_html
    keeps its markup."""
    from crispy_forms_gds.helper import FormHelper
    from crispy_forms_gds.layout import Field, Fieldset, Layout
    from django import forms
    from django.template import Context, Template
    from django.utils.html import format_html

    class Labelled(forms.Form):
        text = forms.CharField(label=TAG, help_text=META)
        tick = forms.BooleanField(label=TAG, help_text=TAG)
        choose = forms.ChoiceField(
            label=TAG, help_text=TAG, choices=[("a", TAG)], widget=forms.RadioSelect
        )
        many = forms.MultipleChoiceField(
            label=TAG, help_text=TAG, choices=[("a", TAG)], widget=forms.CheckboxSelectMultiple
        )
        when = forms.SplitDateTimeField(label=TAG, help_text=TAG)
        kept = forms.CharField(label=format_html("<span id={}>Kept</span>", "kept-markup"))

        def __init__(self) -> None:
            super().__init__()
            self.helper = FormHelper()
            self.helper.form_tag = False
            self.helper.layout = Layout(
                Fieldset(
                    Field.text("text"),
                    Field.checkbox("tick"),
                    Field.radios("choose"),
                    Field.checkboxes("many"),
                    "when",
                    Field.text("kept"),
                    legend=TAG,
                )
            )

    form = Labelled()
    html = Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))
    assert injected_elements(html) == []
    assert html.count("&lt;b id=xinj&gt;") >= 10
    assert '<span id="kept-markup">Kept</span>' in html or "<span id=kept-markup>" in html
