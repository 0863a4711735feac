"""What every Heard app does when Django is ready, declared once.

An app's ``apps.py`` imports this module (not the class: Django takes the one ``AppConfig``
subclass an ``apps.py`` names as the app's own) and subclasses ``app_config.HeardApp``."""

from importlib import import_module

from django.apps import AppConfig


class HeardApp(AppConfig):
    """One of Heard's apps. When Django is ready it imports the app's modules that declare
    what they register (``registers``: its audit event types and its policies), then registers
    its background jobs (``jobs``: the module, the job kind's name in it and its runner's)."""

    registers: tuple[str, ...] = ("events", "policies")
    jobs: tuple[tuple[str, str, str], ...] = ()

    def ready(self) -> None:
        for module in self.registers:
            import_module(f"{self.name}.{module}")
        if self.jobs:
            from heard.jobs import registry

            for module, kind, runner in self.jobs:
                job = import_module(f"{self.name}.{module}")
                registry.register(getattr(job, kind), getattr(job, runner))
