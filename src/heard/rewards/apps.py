from django.apps import AppConfig


class RewardsConfig(AppConfig):
    """Recognition (certificates, accreditations, vouchers, hours) and expense claims (issue 19, M16)."""

    name = "heard.rewards"
    label = "rewards"
    verbose_name = "Recognition and expenses"
