"""The portal's people and answers (tests/portal/conftest.py), for the Welsh pages."""

from tests.portal.conftest import portal_client, world  # noqa: F401 (fixtures)
