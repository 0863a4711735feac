from heard.core import app_config


class SafeguardingConfig(app_config.HeardApp):
    name = "heard.safeguarding"
    verbose_name = "Safeguarding"
