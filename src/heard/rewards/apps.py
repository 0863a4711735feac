from heard.core import app_config


class RewardsConfig(app_config.HeardApp):
    """Recognition (certificates, accreditations, vouchers, hours), expense claims and
    partner invoices (issue 19, M16)."""

    name = "heard.rewards"
    verbose_name = "Recognition and expenses"
