from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "heard.portal"
    label = "portal"
    verbose_name = "Young people's portal"
