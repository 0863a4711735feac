from heard.core import app_config


class GroupsConfig(app_config.HeardApp):
    name = "heard.groups"
    verbose_name = "Themes and groups"
