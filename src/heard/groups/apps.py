from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "heard.groups"
    label = "groups"
    verbose_name = "Themes and groups"

    def ready(self) -> None:
        from heard.groups import events, policies  # noqa: F401 - register event types and policies
