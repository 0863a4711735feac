"""The messages list's filters."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from heard.messaging.models import Message


class MessageFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Message.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Message.Kind.choices)

    class Meta:
        model = Message
        fields = ["status", "kind"]
