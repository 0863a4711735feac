from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "heard.demo"
    label = "demo"
    verbose_name = "Demo partnership and data generator"

    def ready(self) -> None:
        from heard.demo import demo_job
        from heard.jobs import registry

        registry.register(demo_job.LOAD_DEMO, demo_job.run_load_demo, system=True)
        registry.register(demo_job.GENERATE, demo_job.run_generate, system=True)
