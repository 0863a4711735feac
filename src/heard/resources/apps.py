from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    """The library of toolkits, session plans, case studies and good practice (issue 19, M20)."""

    name = "heard.resources"
    label = "resources"
    verbose_name = "Resources"

    def ready(self) -> None:
        from heard.resources import events, policies  # noqa: F401 (register them)
