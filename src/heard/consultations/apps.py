from heard.core import app_config


class ConsultationsConfig(app_config.HeardApp):
    """The consultation registry and portal surveys, so young people are not asked the same
    thing twice (issue 19, M9)."""

    name = "heard.consultations"
    verbose_name = "Consultations and surveys"
