from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    """The consultation registry and portal surveys, so young people are not asked twice (issue 19, M9)."""

    name = "heard.consultations"
    label = "consultations"
    verbose_name = "Consultations and surveys"
