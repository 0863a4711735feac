from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "heard.people"
    label = "people"
    verbose_name = "People and organisations"

    def ready(self) -> None:
        from heard.people import events, policies  # noqa: F401 (register them)
