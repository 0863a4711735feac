from heard.core import app_config


class OpportunitiesConfig(app_config.HeardApp):
    """Opportunities to get involved, matched to young people, signed up for in the portal
    (issue 19, M18)."""

    name = "heard.opportunities"
    verbose_name = "Opportunities"
