"""``heard summaries --check | --rebuild``: the participation summaries (who took part in each
partnership year, and each group's latest session).

``--check`` compares it with the participation log and exits 1 on a difference; ``--rebuild``
remakes it from the log (after restoring a backup taken without it, say).
"""

from __future__ import annotations

from heard.core.derived import CheckOrRebuildCommand
from heard.jobs import cli
from heard.participation import summaries


class Command(CheckOrRebuildCommand):
    help = "Check or rebuild the participation summaries from the participation log."
    subject = "The participation summaries"
    source = "the log"
    command = "summaries"

    def differences(self) -> tuple[int, list[str]]:
        with cli.bar(self, total=1, desc="Checking the summaries") as shown:
            found = summaries.differences()
            shown.update(1)
        return found

    def rebuild(self) -> str:
        with cli.bar(self, total=1, desc="Rebuilding the summaries") as shown:
            rows = summaries.rebuild()
            shown.update(1)
        return f"{rows:,} yearly rows"
