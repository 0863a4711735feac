from heard.core import app_config


class IndicatorsConfig(app_config.HeardApp):
    name = "heard.indicators"
    verbose_name = "Indicators and reports"
    #: The events, the policies (the reports' too) and the library of measures.
    registers = ("events", "measures", "policies", "reports.policies")
    #: A report's PDF is made by a background job (issue 20).
    jobs = (("reports.pdf_job", "REPORT_PDF", "run_report_pdf"),)
