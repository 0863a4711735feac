from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "heard.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from heard.jobs import exports, registry

        registry.register(registry.EXPORT, exports.run_export)
