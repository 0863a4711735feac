import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from heard.core.roles import Role
from tests import factories

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def organisation(db):
    return factories.OrganisationFactory()


@pytest.fixture
def other_organisation(db):
    return factories.OrganisationFactory()


@pytest.fixture
def make_user(db):
    def make(role: str = Role.PARTICIPATION_OFFICER, **kwargs):
        return factories.UserFactory(role=role, **kwargs)

    return make


@pytest.fixture
def admin_user(make_user):
    return make_user(Role.ADMINISTRATOR)


@pytest.fixture
def lead(make_user):
    return make_user(Role.PARTICIPATION_LEAD)


@pytest.fixture
def officer(make_user):
    return make_user(Role.PARTICIPATION_OFFICER)


@pytest.fixture
def theme_lead(make_user):
    return make_user(Role.THEME_LEAD)


@pytest.fixture
def partner_worker(make_user, organisation):
    return make_user(Role.PARTNER_WORKER, organisation=organisation)


@pytest.fixture
def safeguarding_lead(make_user):
    return make_user(Role.SAFEGUARDING_LEAD)


@pytest.fixture
def board_member(make_user):
    return make_user(Role.BOARD_MEMBER)


@pytest.fixture
def client_for(client):
    """A Django test client signed in as the given user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def api_for():
    """A DRF API client authenticated as the given user."""

    def make(user):
        api = APIClient()
        api.force_authenticate(user)
        return api

    return make


@pytest.fixture
def count_queries():
    """Count the SQL queries a callable runs: ``count_queries(lambda: client.get(url))``."""

    def run(func):
        with CaptureQueriesContext(connection) as ctx:
            result = func()
        return len(ctx.captured_queries), result

    return run
