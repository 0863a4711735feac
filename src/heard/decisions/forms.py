"""Forms for budget rounds, proposals, paper ballots and decisions: they collect and type the
input; the services decide and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.core.form_parts import PersonChoice, age_band_ticks, initial_of
from heard.core.forms import (
    TODAY,
    GovUKDateField,
    decimal_number,
    radios,
    text_area,
    ticks,
    whole_number,
)
from heard.decisions import selectors
from heard.decisions.models import BudgetRound, Proposal
from heard.decisions.services.proposals import DESCRIPTION_MAX_LENGTH
from heard.groups.models import Group, Theme
from heard.participation import selectors as participation_selectors
from heard.people.models import Organisation, YoungPerson
from heard.voice.models import Feedback

YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes(value: Any) -> bool:
    return value == "yes"


def _pounds(label: Any, **kwargs: Any) -> forms.DecimalField:
    """An amount in pounds and pence that may be left empty, never below 0 (a pot, a cost)."""
    return decimal_number(digits=12, places=2, label=label, required=False, min_value=0, **kwargs)


class RoundForm(forms.Form):
    title = forms.CharField(max_length=200, help_text=_("Like “Annual event budget 2027”."))
    description = text_area(3, required=False)
    kind = radios(
        BudgetRound.Kind.choices,
        label=_("What is decided"),
        help_text=_("A theme vote chooses next year's Spotlight areas from a shortlist."),
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("The whole partnership"),
        help_text=_("Who runs it."),
    )
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.none(), required=False, empty_label=_("No theme")
    )
    pot = _pounds(
        _("Pot (pounds)"), help_text=_("For a budget round: the whole budget, like 20000.")
    )
    young_people_share = whole_number(
        3, label=_("Share young people decide (percent)"), min_value=0, max_value=100, initial=50
    )
    method = radios(BudgetRound.Method.choices, label=_("Voting method"))
    points_per_voter = whole_number(
        3,
        label=_("Points each young person spreads"),
        required=False,
        min_value=1,
        max_value=100,
        help_text=_("Only for points to spread."),
    )
    winners = whole_number(
        3,
        label=_("How many options become themes"),
        required=False,
        min_value=1,
        max_value=50,
        help_text=_("Only for a theme vote, like 6."),
    )
    theme_period = forms.CharField(
        label=_("Period of the themes chosen"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5"}),
        help_text=_("Only for a theme vote, like 2027-28."),
    )
    young_people_propose = forms.TypedChoiceField(
        label=_("May young people propose ideas in the portal?"),
        choices=YES_NO,
        coerce=_yes,
        widget=forms.RadioSelect,
        initial="yes",
    )
    proposals_open = GovUKDateField(
        label=_("Proposals open (optional)"), required=False, help_text=_("Before voting opens.")
    )
    opens = GovUKDateField(label=_("Voting opens"))
    closes = GovUKDateField(label=_("Voting closes"))
    eligible_groups = ticks(
        label=_("Groups who may take part (optional)"),
        queryset=Group.objects.none(),
        required=False,
        help_text=_("None ticked: everyone on the register, as the other choices allow."),
    )
    eligible_age_bands = age_band_ticks(_("Age bands (optional)"))
    eligible_areas = forms.CharField(
        label=_("Areas (optional)"),
        required=False,
        help_text=_("Separated by commas, like Norwich, Great Yarmouth."),
    )
    eligible_organisations = ticks(
        label=_("Organisations whose young people may take part (optional)"),
        queryset=Organisation.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(is_active=True).order_by("name")
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["eligible_organisations"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["theme"].queryset = Theme.objects.order_by("-period", "title")  # type: ignore[attr-defined]
        self.fields["eligible_groups"].queryset = Group.objects.order_by("name")  # type: ignore[attr-defined]


def round_initial(round_: BudgetRound) -> dict[str, Any]:
    fields = (
        "title description kind organisation theme young_people_share method points_per_voter"
        " winners theme_period proposals_open opens closes"
    )
    return initial_of(round_, fields) | {
        "pot": round_.pot if not round_.is_theme_vote else None,
        "young_people_propose": "yes" if round_.young_people_propose else "no",
        "eligible_groups": [group.pk for group in round_.eligible_groups.all()],
        "eligible_age_bands": list(round_.eligible_age_bands),
        "eligible_areas": ", ".join(round_.eligible_areas),
        "eligible_organisations": [org.pk for org in round_.eligible_organisations.all()],
    }


class ProposalForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = text_area(
        3,
        label=_("What it is, in plain words"),
        max_length=DESCRIPTION_MAX_LENGTH,
        help_text=_("Words a child can read."),
    )
    cost = _pounds(_("Cost (pounds)"), help_text=_("Leave empty for an option of a theme vote."))
    status = forms.ChoiceField(
        label=_("On the ballot?"),
        choices=[
            (Proposal.Status.SHORTLISTED, _("Yes: on the shortlist")),
            (Proposal.Status.PROPOSED, _("Not yet: proposed")),
        ],
        widget=forms.RadioSelect,
        initial=Proposal.Status.SHORTLISTED,
    )
    proposed_by_young_person = forms.CharField(
        label=_("Proposed by a young person (optional)"),
        required=False,
        max_length=12,
        help_text=_("Their reference, like YP-ABC234."),
    )
    proposed_by_group = forms.ModelChoiceField(
        label=_("Proposed by a group (optional)"),
        queryset=Group.objects.none(),
        required=False,
        empty_label=_("No group"),
    )

    def __init__(self, *args: Any, user: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if editing:
            del self.fields["proposed_by_young_person"]
            del self.fields["proposed_by_group"]
        else:
            self.fields["proposed_by_group"].queryset = Group.objects.order_by("name")  # type: ignore[attr-defined]

    def clean_proposed_by_young_person(self) -> YoungPerson | None:
        reference = (self.cleaned_data.get("proposed_by_young_person") or "").strip().upper()
        if not reference:
            return None
        found = participation_selectors.young_people_by_reference(self.user, [reference])
        if reference not in found:
            raise forms.ValidationError(
                _("No young person you can see has the reference %(reference)s.")
                % {"reference": reference}
            )
        return found[reference]  # type: ignore[no-any-return]


def points_field_name(proposal: Proposal) -> str:
    return f"points_{proposal.pk}"


class BallotForm(forms.Form):
    """A ballot: one vote (radios) or points to spread (a number per idea). With ``voters``,
    a paper ballot entered by a worker: whose it is comes first."""

    def __init__(
        self,
        *args: Any,
        round_: BudgetRound,
        options: list[Proposal],
        voters: Any = None,
        user: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.round = round_
        self.options = options
        if voters is not None:
            self.fields["young_person"] = PersonChoice(
                queryset=voters,
                user=user,
                label=_("Whose ballot is it?"),
                help_text=_("Young people who may vote in this round and have not."),
                error_messages={"required": _("Choose whose ballot it is.")},
            )
        if round_.method == BudgetRound.Method.ONE_VOTE:
            self.fields["proposal"] = forms.ChoiceField(
                label=_("Which idea do you vote for?"),
                choices=[(str(p.pk), _option_label(p)) for p in options],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose one idea to vote for.")},
            )
        else:
            for proposal in options:
                self.fields[points_field_name(proposal)] = whole_number(
                    3,
                    label=_option_label(proposal),
                    required=False,
                    min_value=0,
                    max_value=round_.points_per_voter,
                    error_messages={"invalid": _("Enter a whole number of points, like 3.")},
                )

    def choices(self) -> dict[int, int]:
        """``{proposal id: points}`` for the services."""
        data = self.cleaned_data
        if self.round.method == BudgetRound.Method.ONE_VOTE:
            return {int(data["proposal"]): 1}
        return {p.pk: data.get(points_field_name(p)) or 0 for p in self.options}


def _option_label(proposal: Proposal) -> str:
    if proposal.cost is not None:
        return f"{proposal.title} (£{proposal.cost:,})"
    return proposal.title


class DecideForm(forms.Form):
    chosen = ticks(
        label=_("What was chosen"),
        queryset=Proposal.objects.none(),
        error_messages={"required": _("Choose what was funded or which options won.")},
    )
    decision_maker = forms.CharField(
        label=_("Who decided"), max_length=200, initial=_("Young people at the annual event")
    )
    explanation = text_area(3, label=_("What was decided, and why"))
    plain_language = text_area(
        3,
        label=_("What we tell the young people"),
        help_text=_(
            "Words a child can read. Everyone who voted or proposed sees it in the portal."
        ),
    )
    date = GovUKDateField(label=_("Date of the decision"), rule=TODAY)
    organisation = forms.ModelChoiceField(
        label=_("Whose record the decision is"),
        queryset=Organisation.objects.none(),
        help_text=_("The round is the whole partnership's: choose the organisation that keeps it."),
    )

    def __init__(self, *args: Any, round_: BudgetRound, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chosen"].queryset = selectors.ballot_options(round_)  # type: ignore[attr-defined]
        if round_.organisation_id:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
                is_active=True
            ).order_by("name")


class TellForm(forms.Form):
    date = GovUKDateField(label=_("When they were told"), rule=TODAY)
    channel = radios(
        Feedback.Channel.choices, label=_("How they were told"), initial=Feedback.Channel.PORTAL
    )
    notes = text_area(2, required=False)


class PortalProposalForm(forms.Form):
    title = forms.CharField(label=_("Your idea, in a few words"), max_length=200)
    description = text_area(4, label=_("Tell us more about it"), max_length=DESCRIPTION_MAX_LENGTH)
    cost = _pounds(_("What might it cost, in pounds? (optional)"))

    def __init__(self, *args: Any, round_: BudgetRound, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if round_.is_theme_vote:
            del self.fields["cost"]
