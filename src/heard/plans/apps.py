from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Action plans against the seven Hear by Right standards (M10)."""

    name = "heard.plans"
    label = "plans"
    verbose_name = "Action plans"

    def ready(self) -> None:
        from heard.jobs import registry
        from heard.plans import events, import_job, policies  # noqa: F401 (register them)

        # A confirmed import runs as a background job (issue 20).
        registry.register(import_job.PLAN_IMPORT, import_job.run_plan_import)
