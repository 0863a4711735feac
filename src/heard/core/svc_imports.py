"""What the CSV imports report alike: the rows read, the bad ones and what a real run made."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

#: One bad cell or row, as the import words it.
P = TypeVar("P")
#: A record a real run created.
R = TypeVar("R")


@dataclass
class ImportReport(Generic[P, R]):
    """What an import found (every bad row) and, for a clean real run, what it created."""

    total_rows: int = 0
    errors: list[P] = field(default_factory=list)
    created: list[R] = field(default_factory=list)
    dry_run: bool = True

    @property
    def ok(self) -> bool:
        return not self.errors
