"""Read-only admin views: every change goes through the services (and the pages)."""

from heard.core.admin import read_only
from heard.privacy.models import Anonymisation, BenchmarkShare, LeastHeardTarget

read_only(BenchmarkShare, ("characteristic", "value", "area", "share"), filters=("characteristic",))
read_only(LeastHeardTarget, ("group", "name", "target", "start", "end"))
read_only(Anonymisation, ("young_person", "reason", "anonymised_at"))
