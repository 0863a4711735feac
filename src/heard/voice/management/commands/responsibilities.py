"""``heard responsibilities --check | --rebuild``: who answers for which view through themes and
groups (``voice.responsibility``), which a theme lead's overdue lists read.

``--check`` compares it with the themes', groups' and sessions' links and exits 1 on a difference;
``--rebuild`` remakes it from them (after restoring a backup taken without it, say).
"""

from __future__ import annotations

from heard.core.derived import CheckOrRebuildCommand
from heard.voice import responsibility


class Command(CheckOrRebuildCommand):
    help = "Check or rebuild who answers for which view from the themes' and groups' links."
    subject = "The responsibility rows"
    source = "the themes' and groups' links"
    command = "responsibilities"

    def differences(self) -> tuple[int, list[str]]:
        return responsibility.differences()

    def rebuild(self) -> str:
        return f"{responsibility.rebuild():,} rows"
