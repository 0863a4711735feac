from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "heard.indicators"
    label = "indicators"
    verbose_name = "Indicators and reports"
