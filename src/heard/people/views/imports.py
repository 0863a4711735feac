"""Importing young people from a CSV file: upload, check, then confirm."""

from __future__ import annotations

from operator import itemgetter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heard.core import tables
from heard.core.exports import csv_response
from heard.core.permissions import require
from heard.jobs import imports
from heard.people import forms, import_job, importers, services

IMPORT_SESSION_KEY = "people_import_csv"


#: The problems a checked import file has: (line, column, message) each.
IMPORT_PROBLEM_COLUMNS = (
    tables.Column(gettext_lazy("Line"), itemgetter(0), numeric=True),
    tables.Column(gettext_lazy("Column"), itemgetter(1)),
    tables.Column(gettext_lazy("Problem"), itemgetter(2)),
)


@login_required
def young_people_import(request: HttpRequest) -> HttpResponseBase:
    """Upload, check (a dry run that imports nothing), then confirm: a background job adds all
    rows or none."""
    user = request.user
    require(user, "people.import_youngperson")
    if request.GET.get("template") == "csv":
        return csv_response([], [(name, name) for name in importers.COLUMNS], "young-people.csv")
    form = forms.YoungPeopleImportForm()
    result = None
    if request.method == "POST" and request.POST.get("action") == "confirm":
        content = request.session.get(IMPORT_SESSION_KEY)
        if not content:
            messages.info(request, _("Upload the file again: the checked file was not found."))
            return redirect("people:young-person-import")
        # Checked again against the register as it is now; a clean file is imported by a
        # background job (issue 20), which checks it once more as it writes every row.
        result = services.young_people_import(actor=user, file=content, dry_run=True)  # type: ignore[arg-type]
        request.session.pop(IMPORT_SESSION_KEY, None)
        if result.ok:
            count = result.total_rows
            job = imports.start(
                user,
                import_job.YOUNG_PEOPLE_IMPORT,
                upload=content,
                label=f"Import of {count} young {'person' if count == 1 else 'people'}",
                then=reverse("people:young-person-list"),
            )
            return imports.job_page(job)
    elif request.method == "POST":
        request.session.pop(IMPORT_SESSION_KEY, None)
        form = forms.YoungPeopleImportForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data["file"].read()
            result = services.young_people_import(actor=user, file=data, dry_run=True)  # type: ignore[arg-type]
            if result.ok and result.total_rows:
                # Keep the checked file on the server (in the session) for the confirm step.
                request.session[IMPORT_SESSION_KEY] = data.decode("utf-8-sig")
    context = {
        "form": form,
        "result": result,
        "title": _("Import young people"),
        "columns": importers.COLUMNS,
        "confirm_column": importers.CONFIRM_COLUMN,
        "problem_columns": IMPORT_PROBLEM_COLUMNS,
    }
    return render(request, "people/young_person_import.html", context)
