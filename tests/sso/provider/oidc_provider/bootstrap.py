"""Prepare the provider's database: migrate, Heard's client, and the people in the claims file.

``python -m oidc_provider.bootstrap`` with the fixture's environment (``PROVIDER_CLIENT_ID``,
``PROVIDER_CLIENT_SECRET``, ``PROVIDER_REDIRECT_URI``, ``PROVIDER_CLAIMS_FILE``).
"""

import json
import os
from pathlib import Path

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oidc_provider.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from oauth2_provider.models import get_application_model

    call_command("migrate", verbosity=0, interactive=False)
    Application = get_application_model()
    Application.objects.create(
        name="Heard",
        client_id=os.environ["PROVIDER_CLIENT_ID"],
        client_secret=os.environ["PROVIDER_CLIENT_SECRET"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=os.environ["PROVIDER_REDIRECT_URI"],
        post_logout_redirect_uris=os.environ.get("PROVIDER_POST_LOGOUT_URI", ""),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    people = json.loads(Path(os.environ["PROVIDER_CLAIMS_FILE"]).read_text())["users"]
    for username, claims in people.items():
        get_user_model().objects.create_user(
            username=username,
            email=claims.get("email", ""),
            password=os.environ["PROVIDER_PASSWORD"],
        )


if __name__ == "__main__":
    main()
