from heard.core import app_config


class MessagingConfig(app_config.HeardApp):
    name = "heard.messaging"
    verbose_name = "Messages"

    def ready(self) -> None:
        from heard.core import hooks
        from heard.messaging.services.queueing import feedback_recorded

        super().ready()
        hooks.register("feedback.recorded", feedback_recorded)
