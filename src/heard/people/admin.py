"""The Django admin shows people records read-only: every change goes through the services."""

from heard.core.admin import read_only
from heard.people.models import Organisation, User, YoungPerson

read_only(
    User,
    ("full_name", "email", "role", "organisation", "is_active"),
    filters=("role", "is_active"),
    search=("full_name", "email"),
    exclude=("password",),
)
read_only(
    Organisation,
    ("name", "kind", "area", "is_active"),
    filters=("kind", "is_active"),
    search=("name",),
)
read_only(
    YoungPerson,
    ("reference", "age_band", "organisation", "is_active"),
    filters=("age_band", "is_active"),
    search=("reference",),
    list_select_related=("organisation",),
)
