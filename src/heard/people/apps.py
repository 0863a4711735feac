from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "heard.people"
    label = "people"
    verbose_name = "People and organisations"

    def ready(self) -> None:
        from heard.jobs import registry
        from heard.people import events, import_job, policies  # noqa: F401 (register them)

        # The confirmed import runs as a background job (issue 20).
        registry.register(import_job.YOUNG_PEOPLE_IMPORT, import_job.run_young_people_import)
