from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "heard.portal"
    label = "portal"
    verbose_name = "Young people's portal"

    def ready(self) -> None:
        from heard.portal import events, policies  # noqa: F401 (register them)
