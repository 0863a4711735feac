from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "heard.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding"

    def ready(self) -> None:
        from heard.safeguarding import events, policies  # noqa: F401 (register them)
