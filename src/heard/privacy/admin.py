"""Read-only admin views: every change goes through the services (and the pages)."""

from django.contrib import admin

from heard.core.admin import ReadOnlyAdmin
from heard.privacy.models import Anonymisation, BenchmarkShare, LeastHeardTarget


@admin.register(BenchmarkShare)
class BenchmarkShareAdmin(ReadOnlyAdmin):
    list_display = ["characteristic", "value", "area", "share"]
    list_filter = ["characteristic"]


@admin.register(LeastHeardTarget)
class LeastHeardTargetAdmin(ReadOnlyAdmin):
    list_display = ["group", "name", "target", "start", "end"]


@admin.register(Anonymisation)
class AnonymisationAdmin(ReadOnlyAdmin):
    list_display = ["young_person", "reason", "anonymised_at"]
