from django.apps import AppConfig


class AuditsConfig(AppConfig):
    """Audits against the standards, kite marks and young people's provision reviews (M11)."""

    name = "heard.audits"
    label = "audits"
    verbose_name = "Audits and provision reviews"

    def ready(self) -> None:
        from heard.audits import events, policies  # noqa: F401 (register them)
