from heard.core import app_config


class AuditsConfig(app_config.HeardApp):
    """Audits against the standards, kite marks and young people's provision reviews (M11)."""

    name = "heard.audits"
    verbose_name = "Audits and provision reviews"
