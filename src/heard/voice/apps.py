from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "heard.voice"
    label = "voice"
    verbose_name = "Voice: views, responses and feedback"
