from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "heard.groups"
    label = "groups"
    verbose_name = "Themes and groups"
