from django.apps import AppConfig


class RewardsConfig(AppConfig):
    """Recognition (certificates, accreditations, vouchers, hours), expense claims and
    partner invoices (issue 19, M16)."""

    name = "heard.rewards"
    label = "rewards"
    verbose_name = "Recognition and expenses"

    def ready(self) -> None:
        from heard.rewards import events, policies  # noqa: F401 (register them)
