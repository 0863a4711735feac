from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "heard.participation"
    label = "participation"
    verbose_name = "Participation log"
