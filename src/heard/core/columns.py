"""The columns many staff lists share (``heard.core.tables.Column``), each declared once.

A list names them among its own: ``columns = (TITLE_LINK, KIND, DATE, ORGANISATION, ...)``.
The ``*_CSV`` ones are the export's only (a long text, a figure the page does not show).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy

from heard.core.tables import Column

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

KIND = Column(gettext_lazy("Kind"), "get_kind_display")
STATUS = Column(gettext_lazy("Status"), "get_status_display")
STAGE = Column(gettext_lazy("Stage"), "get_stage_display")
HOW = Column(gettext_lazy("How"), "get_how_display")
DATE = Column(gettext_lazy("Date"), "date")
PERIOD = Column(gettext_lazy("Period"), "period")
JOINED = Column(gettext_lazy("Joined"), "joined_on")
ORGANISATION = Column(gettext_lazy("Organisation"), "organisation.name")
HOST = Column(gettext_lazy("Host"), "host_organisation.name")
YOUNG_PERSON = Column(gettext_lazy("Young person"), "young_person.reference")
#: A member's or an attendee's reference and name.
REFERENCE = Column(gettext_lazy("Reference"), "young_person.reference")
NAME = Column(gettext_lazy("Name"), "young_person.display_name")
ATTENDED = Column(gettext_lazy("Attended"), "attendee_count", numeric=True)

ORGANISATION_CSV = Column(gettext_lazy("Organisation"), "organisation.name", in_table=False)
DESCRIPTION_CSV = Column(gettext_lazy("Description"), "description", in_table=False)
SUMMARY_CSV = Column(gettext_lazy("Summary"), "summary", in_table=False)
FINDINGS_CSV = Column(gettext_lazy("Findings"), "findings", in_table=False)
SERVICE_CSV = Column(gettext_lazy("Service"), "service", in_table=False)
PAID_ON_CSV = Column(gettext_lazy("Paid on"), "paid_on", in_table=False)
PAYMENT_REFERENCE_CSV = Column(
    gettext_lazy("Payment reference"), "payment_reference", in_table=False
)


def choice_tag(heading: StrOrPromise, field: str, colours: dict[str, str], other: str) -> Column:
    """A choice field's value as a GOV.UK tag, coloured by the value: ``colours`` maps values to
    tag colours (``{"paid": "green"}``), ``other`` colours any other value."""
    branches = "".join(
        f'{{% {"elif" if n else "if"} row.{field} == "{value}" %}}govuk-tag--{colour}'
        for n, (value, colour) in enumerate(colours.items())
    )
    display = f"get_{field}_display"
    cell = (
        f'<strong class="govuk-tag {branches}{{% else %}}govuk-tag--{other}{{% endif %}}">'
        f"{{{{ row.{display} }}}}</strong>"
    )
    return Column(heading, display, cell=cell)
