from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "heard.indicators"
    label = "indicators"
    verbose_name = "Indicators and reports"

    def ready(self) -> None:
        # Register the events, the policy and the library of measures.
        from heard.indicators import events, measures, policies  # noqa: F401
        from heard.indicators.reports import policies as report_policies  # noqa: F401
