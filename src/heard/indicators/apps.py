from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "heard.indicators"
    label = "indicators"
    verbose_name = "Indicators and reports"

    def ready(self) -> None:
        # Register the events, the policy and the library of measures.
        from heard.indicators import events, measures, policies  # noqa: F401
        from heard.indicators.reports import pdf_job
        from heard.indicators.reports import policies as report_policies  # noqa: F401
        from heard.jobs import registry

        # A report's PDF is made by a background job (issue 20).
        registry.register(pdf_job.REPORT_PDF, pdf_job.run_report_pdf)
