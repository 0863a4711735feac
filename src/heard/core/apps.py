from typing import Any

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "heard.core"
    label = "core"
    verbose_name = "Heard core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_save
        from rest_framework.authtoken.models import Token

        from heard.core import security

        user_logged_in.connect(security.note_sign_in, dispatch_uid="heard-note-sign-in")
        post_save.connect(_token_created, sender=Token, dispatch_uid="heard-token-created")


def _token_created(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """An API token was made (``heard drf_create_token``, the admin, a service): a sign-in event
    naming its user, never the key."""
    if created:
        from heard.core import sign_in_events

        sign_in_events.record(sign_in_events.Event.TOKEN_CREATED, user=instance.user)
