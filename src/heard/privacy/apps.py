from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "heard.privacy"
    label = "privacy"
    verbose_name = "Privacy: consent, retention, subject access, equality and reach"

    def ready(self) -> None:
        from heard.privacy import events, policies  # noqa: F401  (declare and register)
