"""The private calendar subscription: each member of staff's own address for Outlook or a phone.

The address carries a token Heard keeps only as a hash (``heard.people.services.calendar_feeds``),
so it is shown once, when it is made. The feed itself answers without signing in, to whoever has
the address, and shows what the address's owner may see now: a token that is unknown, turned off
or replaced, or whose owner is deactivated or may no longer see the calendar, is not found.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from heard.core.permissions import can, require
from heard.groups import selectors
from heard.groups.calendar import stream_ics
from heard.groups.views._common import actor
from heard.groups.views.calendar import ICS_CHUNK
from heard.people import selectors as people_selectors
from heard.people import services as people_services
from heard.people.services.calendar_feeds import PERMISSION

SUBSCRIPTION = "groups:calendar-subscription"
TITLE = gettext_noop("Subscribe in Outlook or on your phone")


@never_cache
@require_safe
def calendar_feed(request: HttpRequest) -> StreamingHttpResponse:
    """The owner's engagement calendar (visits due, past sessions) as iCalendar, read now. The
    token comes in the query string (``?key=``): logs record the path only, never the query."""
    owner = people_selectors.calendar_feed_owner(request.GET.get("key", ""))
    if owner is None or not can(owner, PERMISSION):
        raise Http404
    rows = selectors.calendar_feed(user=owner, today=timezone.localdate())
    content = stream_ics(
        rows.iterator(chunk_size=ICS_CHUNK), now=timezone.now(), name="Heard engagement calendar"
    )
    response = StreamingHttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="heard-engagement-calendar.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
def calendar_subscription(request: HttpRequest) -> HttpResponse:
    """Whether the user has an address, and the ways to make a new one or turn it off."""
    require(request.user, PERMISSION)
    context = {
        "title": _(TITLE),
        "feed": people_selectors.calendar_feed_of(request.user),
        "calendar_url": reverse("groups:calendar"),
    }
    return render(request, "groups/calendar_subscription.html", context)


@login_required
def calendar_subscription_new(request: HttpRequest) -> HttpResponse:
    """Make an address (confirmed first when it replaces one); it is shown this once."""
    require(request.user, PERMISSION)
    feed = people_selectors.calendar_feed_of(request.user)
    if request.method != "POST":
        asked = {"title": _("Make a new calendar address"), "feed": feed}
        return render(request, "groups/calendar_subscription_new.html", asked)
    token = people_services.calendar_feed_make(actor=actor(request))
    feed_path = reverse("groups:calendar-feed") + "?" + urlencode({"key": token})
    address = request.build_absolute_uri(feed_path)
    context: dict[str, Any] = {
        "title": _("Your calendar address"),
        "address": address,
        "webcal": "webcal://" + address.split("://", 1)[1],
        "replaced": feed is not None,
    }
    response = render(request, "groups/calendar_subscription_made.html", context)
    add_never_cache_headers(response)
    return response


@login_required
def calendar_subscription_off(request: HttpRequest) -> HttpResponse:
    """Turn the address off, after a confirmation: it stops working at once."""
    if people_selectors.calendar_feed_of(request.user) is None:
        messages.info(request, _("You have no calendar address to turn off."))
        return redirect(SUBSCRIPTION)
    if request.method == "POST":
        people_services.calendar_feed_turn_off(actor=actor(request))
        messages.success(
            request, _("Your calendar address is turned off: calendars using it get nothing more.")
        )
        return redirect(SUBSCRIPTION)
    context = {"title": _("Turn off your calendar address"), "cancel_url": reverse(SUBSCRIPTION)}
    return render(request, "groups/calendar_subscription_off.html", context)
