"""The small shared pieces of the web layer: an admin page declared with ``read_only``, a filter
set's ``Meta`` from ``FilterSet.meta``, a form's values picked by name, and the views
``record_views`` builds, named as the views once written out by hand."""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib import admin
from django.urls import resolve, reverse

from heard.core.admin import ReadOnlyAdmin
from heard.core.filters import FilterSet
from heard.core.forms import picked_values
from heard.groups.models import Group, Theme
from heard.involvement.filters import EvaluationFilter
from heard.involvement.models import Evaluation
from heard.people.models import User


def test_read_only_registers_a_named_read_only_admin_in_the_apps_module():
    page = admin.site._registry[Theme]
    assert isinstance(page, ReadOnlyAdmin)
    assert type(page).__name__ == "ThemeAdmin"
    assert type(page).__module__ == "heard.groups.admin"
    assert page.list_display == ("title", "period", "status", "lead")
    assert page.list_filter == ("period", "status")
    assert page.search_fields == ("title",)
    assert admin.site._registry[User].exclude == ("password",)
    assert len(admin.site._registry[Group].inlines) == 2


def test_a_filter_sets_meta_names_its_model_and_no_fields_unless_given():
    assert EvaluationFilter._meta.model is Evaluation
    assert EvaluationFilter._meta.fields == []
    meta = FilterSet.meta(Evaluation, "rating")
    assert (meta.model, meta.fields) == (Evaluation, ["rating"])


def test_picked_values_are_the_cleaned_values_of_the_fields_named():
    form = SimpleNamespace(cleaned_data={"a": 1, "b": [2], "c": 3})
    assert picked_values(form, "a", "b") == {"a": 1, "b": [2]}


def test_the_built_views_are_named_and_placed_as_written_out():
    for url_name, module, name in (
        ("participation:headcount-add", "participation.headcount_views", "headcount_add"),
        ("participation:headcount-remove", "participation.headcount_views", "headcount_remove"),
        ("involvement:evaluation-create", "involvement.views.evaluations", "evaluation_create"),
        ("resources:session-resource-remove", "resources.views", "session_resource_remove"),
        ("audits:recommendation-edit", "audits.views.reviews", "recommendation_edit"),
    ):
        view = resolve(reverse(url_name, args=[1])).func
        assert (view.__module__, view.__name__) == (f"heard.{module}", name)
