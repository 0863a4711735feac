from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Action plans against the seven Hear by Right standards (M10)."""

    name = "heard.plans"
    label = "plans"
    verbose_name = "Action plans"

    def ready(self) -> None:
        from heard.plans import events, policies  # noqa: F401 (register them)
