"""What a viewset reads and writes its records through, named once by the apps' convention."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any


class Operations:
    """The selectors a viewset reads its records through and the services it writes them
    through, named once by the apps' convention for the record (``Operations(selectors,
    services, "outcome")``): ``selectors.outcome_get`` finds one the user may see (the
    viewset's ``one``), ``selectors.outcomes_visible_to`` gives those they may see
    (``visible``), and ``services.outcome_add``, ``outcome_update`` and ``outcome_delete`` add,
    change and delete one (``adds``, ``changes``, ``removes``), taking it as ``outcome=``
    (``record_name``).

    Each is taken where its module has it, and only where the viewset does not name it itself
    (``one = None`` for none; a viewset that writes ``get_queryset`` lists what that gives).
    ``add`` is the verb of the service that adds one where it is not "add" (``add="record"``:
    ``services.course_record``). A verb or record the modules have nothing of fails at import,
    as does a viewset whose standard writes would call a service it has none of
    (``ServiceViewSet``)."""

    def __init__(
        self, selectors: ModuleType, services: ModuleType, record: str, *, add: str = "add"
    ) -> None:
        records = f"{record[:-1]}ies" if record.endswith("y") else f"{record}s"
        self.record_name = record
        self.functions: dict[str, Callable[..., Any] | None] = {
            "one": getattr(selectors, f"{record}_get", None),
            "visible": getattr(selectors, f"{records}_visible_to", None),
            "adds": getattr(services, f"{record}_{add}", None),
            "changes": getattr(services, f"{record}_update", None),
            "removes": getattr(services, f"{record}_delete", None),
        }
        if add != "add" and self.functions["adds"] is None:
            raise TypeError(f"{services.__name__} has no {record}_{add}")
        if not any(self.functions.values()):
            raise TypeError(f"{selectors.__name__} and {services.__name__} name no {record}")
