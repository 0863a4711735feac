"""Forms for resources and the resources a session used: they collect and type the input; the
services decide and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from heard.core.form_parts import age_band_ticks, initial_of
from heard.core.forms import radios, text_area, ticks, url_input
from heard.core.permissions import is_partner_worker
from heard.groups.models import Theme
from heard.participation.models import Method, Session
from heard.people.models import Organisation
from heard.resources import selectors
from heard.resources.models import Resource
from heard.voice.services.evidence import ALLOWED_DESCRIPTION


class ResourceForm(forms.Form):
    title = forms.CharField(max_length=200)
    kind = radios(Resource.Kind.choices)
    summary = text_area(
        4, help_text=_("What it is and when it helps: this is what the search reads.")
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("The partnership's own"),
        help_text=_("Whose resource it is."),
    )
    themes = ticks(queryset=Theme.objects.none(), required=False)
    methods = ticks(queryset=Method.objects.none(), required=False)
    age_bands = age_band_ticks(_("Age bands"), help_text=_("Leave all unticked for any age."))
    file = forms.FileField(
        label=_("File (optional if you give a link)"),
        required=False,
        help_text=format_lazy(_("Upload {files}, 10 MB or smaller."), files=ALLOWED_DESCRIPTION),
    )
    remove_file = forms.BooleanField(label=_("Remove the current file"), required=False)
    link = forms.CharField(
        label=_("Link (optional if you upload a file)"),
        max_length=500,
        required=False,
        widget=url_input(),
        help_text=_("A web address starting with https://."),
    )
    published = forms.BooleanField(
        label=_("Publish it in the library for all staff"), required=False
    )

    def __init__(self, *args: Any, user: Any, resource: Resource | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        organisation = self.fields["organisation"]
        organisation.queryset = selectors.organisations_for_resources(user)  # type: ignore[attr-defined]
        self.fields["themes"].queryset = Theme.objects.order_by("title")  # type: ignore[attr-defined]
        self.fields["methods"].queryset = Method.objects.all()  # type: ignore[attr-defined]
        if is_partner_worker(user):
            organisation.initial = user.organisation_id
        if resource is None or not resource.file:
            del self.fields["remove_file"]

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["themes"] = list(data["themes"])
        data["methods"] = list(data["methods"])
        if not data.get("remove_file"):
            data.pop("remove_file", None)
        return data

    def changed(self) -> dict[str, Any]:
        """What an edit passes: the changed fields, and a new file if one was given."""
        values = self.values()
        data = {name: values[name] for name in self.changed_data if name in values}
        if not values.get("file"):
            data.pop("file", None)
        return data


def resource_initial(resource: Resource) -> dict[str, Any]:
    return initial_of(resource, "title kind summary organisation link published") | {
        "themes": [theme.pk for theme in resource.themes.all()],
        "methods": [method.pk for method in resource.methods.all()],
        "age_bands": list(resource.age_bands),
    }


class SessionResourceForm(forms.Form):
    resource = forms.ModelChoiceField(
        label=_("Resource used"),
        queryset=Resource.objects.none(),
        empty_label=_("Choose a resource"),
        error_messages={"required": _("Choose the resource the session used.")},
    )

    def __init__(self, *args: Any, user: Any, session: Session, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = selectors.resources_to_use(user, session)  # type: ignore[attr-defined]
