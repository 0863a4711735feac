from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "heard.messaging"
    label = "messaging"
    verbose_name = "Messages"

    def ready(self) -> None:
        from heard.core import hooks
        from heard.messaging import events, policies  # noqa: F401 (register them)
        from heard.messaging.services.queueing import feedback_recorded

        hooks.register("feedback.recorded", feedback_recorded)
