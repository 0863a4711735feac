from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    """Opportunities to get involved, matched to young people, signed up for in the portal
    (issue 19, M18)."""

    name = "heard.opportunities"
    label = "opportunities"
    verbose_name = "Opportunities"

    def ready(self) -> None:
        from heard.opportunities import events, policies  # noqa: F401 (register them)
