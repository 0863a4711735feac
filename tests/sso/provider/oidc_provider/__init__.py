"""A small, real OpenID Connect provider for Heard's single sign-on tests (django-oauth-toolkit).

It is its own Django project, started by ``tests/sso/conftest.py`` as a separate process on
loopback with its own SQLite database. Who exists and what the provider says about them (their
verified email, ``amr``) comes from a JSON file (``PROVIDER_CLAIMS_FILE``) the tests write, read
at each request; its ``"_misbehave"`` key makes the provider send a tampered ID token
(``"claim"``: a claim changed after signing; ``"key"``: signed with a key it does not publish).
"""
