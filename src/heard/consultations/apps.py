from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    """The consultation registry and portal surveys, so young people are not asked the same
    thing twice (issue 19, M9)."""

    name = "heard.consultations"
    label = "consultations"
    verbose_name = "Consultations and surveys"

    def ready(self) -> None:
        from heard.consultations import events, policies  # noqa: F401 (register them)
