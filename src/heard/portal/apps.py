from heard.core import app_config


class PortalConfig(app_config.HeardApp):
    name = "heard.portal"
    verbose_name = "Young people's portal"
