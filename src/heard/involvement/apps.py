from django.apps import AppConfig


class InvolvementConfig(AppConfig):
    """Young people's involvement in decisions (recruitment, commissioning and procurement)
    and their evaluations of sessions and events (issue 18)."""

    name = "heard.involvement"
    label = "involvement"
    verbose_name = "Involvement and evaluations"

    def ready(self) -> None:
        from heard.involvement import events, policies  # noqa: F401 (register them)
