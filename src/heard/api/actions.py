"""What the API's actions on one record share: ``RecordAction``, an action declared by the
service it calls, the input it checks and what the OpenAPI document says of it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import decorators, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from heard.api import common


class RecordAction:
    """An action on one record, ``POST <id>/<name>/``, named by the attribute of a
    ``ServiceViewSet`` it is given to: the record the request changes (``to_change``: 404, 403)
    is changed by ``service`` with the input ``given`` checks (none without it), called as
    ``write`` calls it (the actor, the record as ``record_name``); the answer is what the service
    returns, as the output shows it (``shows_record``: the record itself, read again, for a
    service that returns something else). ``doc`` describes it; ``schema`` is what
    ``extend_schema`` says of it besides its input, and its answer, the viewset's output,
    unless it says otherwise (``responses``)."""

    def __init__(
        self,
        service: Callable[..., Any],
        given: type[serializers.Serializer] | None = None,  # type: ignore[type-arg]
        *,
        doc: str | None = None,
        shows_record: bool = False,
        **schema: Any,
    ) -> None:
        self.service, self.given, self.doc = service, given, doc
        self.shows_record, self.schema = shows_record, schema

    def __set_name__(self, owner: type[common.ServiceViewSet], name: str) -> None:
        service, given, shows_record = self.service, self.given, self.shows_record

        def act(view: common.ServiceViewSet, request: Request, pk: str | None = None) -> Response:
            obj = view.to_change()
            values = view.validated(given) if given is not None else {}
            changed = view.write(service, obj, **values)
            return view.shown(obj if shows_record else changed)

        act.__name__, act.__qualname__ = name, f"{owner.__qualname__}.{name}"
        act.__module__, act.__doc__ = owner.__module__, self.doc
        posted = decorators.action(detail=True, methods=["post"])(act)
        schema, output = dict(self.schema), owner.output_serializer or owner.serializer_class
        if output is not None:
            schema.setdefault("responses", output)
        setattr(owner, name, extend_schema(request=given, **schema)(posted))
