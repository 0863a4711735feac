"""The demo partnership's issued reports (issue 18, M22): last quarter's monitoring report,
issued by Heard itself as the rest of the demo is written, so every role that reads reports
finds one issued, with its date and its figures as they read that day (built last, from every
demo record)."""

from __future__ import annotations

from heard.demo.loader.base import Base
from heard.indicators.reports import periods
from heard.indicators.reports import services as report_services


class Reports(Base):
    """Last quarter's report, issued as the system."""

    def _reports(self) -> None:
        quarter = periods.offered(periods.QUARTER, self.today)[1]
        report_services.report_issue(actor=None, period=quarter)
        self.counts["issued reports"] += 1
