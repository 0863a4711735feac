from heard.core import app_config


class ResourcesConfig(app_config.HeardApp):
    """The library of toolkits, session plans, case studies and good practice (issue 19, M20)."""

    name = "heard.resources"
    verbose_name = "Resources"
