from heard.core import app_config


class InvolvementConfig(app_config.HeardApp):
    """Young people's involvement in decisions (recruitment, commissioning and procurement)
    and their evaluations of sessions and events (issue 18)."""

    name = "heard.involvement"
    verbose_name = "Involvement and evaluations"
