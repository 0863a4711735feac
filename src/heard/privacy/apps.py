from heard.core import app_config


class PrivacyConfig(app_config.HeardApp):
    name = "heard.privacy"
    verbose_name = "Privacy: consent, retention, subject access, equality and reach"

    def ready(self) -> None:
        super().ready()
        _register_jobs()


def _register_jobs() -> None:
    """The retention run as a background job kind (heard.privacy.retention_job)."""
    from heard.jobs import registry
    from heard.privacy import retention_job

    registry.register(retention_job.RETENTION, retention_job.run_retention, system=True)
