"""Search and filters for the opportunity and sign-up lists (the pages, their exports and the
API share them)."""

from __future__ import annotations

import django_filters

from heard.core.filters import FilterSet, Search, date_range, organisation_filter, user_choices
from heard.opportunities import selectors
from heard.opportunities.models import Opportunity, SignUp
from heard.people.models import Organisation

_organisations = user_choices(Organisation, selectors.organisations_for_opportunities)


class OpportunityFilter(FilterSet):
    q = Search("title description", help_text="Words in the title or the description.")
    kind = django_filters.ChoiceFilter(choices=Opportunity.Kind.choices, empty_label="Any kind")
    status = django_filters.ChoiceFilter(
        choices=Opportunity.Status.choices, empty_label="Any status"
    )
    organisation = organisation_filter(_organisations)
    date_from, date_to = date_range("starts_at__date", "Starts from", "Starts to")

    Meta = FilterSet.meta(Opportunity)


class SignUpFilter(FilterSet):
    q = Search("young_person__reference", help_text="A young person's reference.")
    opportunity = django_filters.NumberFilter(
        field_name="opportunity_id", label="Opportunity number", min_value=1
    )
    status = django_filters.ChoiceFilter(choices=SignUp.Status.choices, empty_label="Any status")
    how = django_filters.ChoiceFilter(choices=SignUp.How.choices, empty_label="Either way")

    Meta = FilterSet.meta(SignUp)
