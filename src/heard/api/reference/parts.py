"""The dataclasses the API reference page draws: the document's parts, in words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from http import HTTPStatus

from heard.api.reference.schema_types import Part, anchor
from heard.api.reference.text import Block


@dataclass(frozen=True)
class Field:
    """A property of an object schema (or a parameter): everything its table row shows."""

    name: str
    type: tuple[Part, ...]
    required: bool
    description: tuple[Block, ...] = ()
    enum: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    location: str = ""  # a parameter's: path, query, header or cookie


@dataclass(frozen=True)
class Body:
    """A request's or response's body: its media types and its schema's type and fields (the
    fields of the component it names, one level deep)."""

    media_types: tuple[str, ...]
    type: tuple[Part, ...]
    fields: tuple[Field, ...]
    schema_name: str = ""
    required: bool = False


@dataclass(frozen=True)
class Response:
    status: str
    description: tuple[Block, ...]
    body: Body | None
    #: Described once under "Errors" (the same at every operation that gives it): the operation
    #: only links to it.
    shared: bool = False

    @property
    def title(self) -> str:
        """``"404 Not Found"``; the bare status when it is not an HTTP status Python knows."""
        try:
            return f"{self.status} {HTTPStatus(int(self.status)).phrase}"
        except ValueError:
            return self.status

    @property
    def anchor(self) -> str:
        return anchor("response", self.status)

    @property
    def same(self) -> tuple[str, tuple[Block, ...], Body | None]:
        """What makes two operations' responses the same one: status, description and body."""
        return (self.status, self.description, self.body)


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    id: str
    anchor: str
    summary: str
    description: tuple[Block, ...]
    deprecated: bool
    parameters: tuple[Field, ...]
    body: Body | None
    responses: tuple[Response, ...]
    security: tuple[str, ...]

    @property
    def title(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def own_responses(self) -> tuple[Response, ...]:
        """The responses shown in full at the operation: its own, or an error unlike the shared."""
        return tuple(response for response in self.responses if not response.shared)

    @property
    def shared_responses(self) -> tuple[Response, ...]:
        """The responses described under "Errors", to which the operation links."""
        return tuple(response for response in self.responses if response.shared)


@dataclass(frozen=True)
class Resource:
    """A tag of the document: the operations on one resource."""

    name: str
    anchor: str
    description: tuple[Block, ...]
    operations: tuple[Operation, ...]

    @property
    def title(self) -> str:
        """``"young-people"`` -> ``"Young people"``."""
        return re.sub(r"[-_]+", " ", self.name).strip().capitalize() or self.name


@dataclass(frozen=True)
class Schema:
    name: str
    anchor: str
    type: tuple[Part, ...]
    description: tuple[Block, ...]
    fields: tuple[Field, ...]
    enum: tuple[str, ...]
    rules: tuple[str, ...]


@dataclass(frozen=True)
class SecurityScheme:
    """One way to authenticate, in words: ``the Authorization header``, ``the sessionid cookie``."""

    name: str
    kind: str
    where: str
    description: tuple[Block, ...]


@dataclass(frozen=True)
class Reference:
    title: str
    version: str
    description: tuple[Block, ...]
    security: tuple[SecurityScheme, ...]
    resources: tuple[Resource, ...]
    schemas: tuple[Schema, ...]
    operation_count: int = field(default=0)
    #: The error responses described once, by status (``shared_responses``).
    errors: tuple[Response, ...] = ()
