"""The API reference page's content, read from the OpenAPI document drf-spectacular generates.

Pure functions from the document (a dict, as /api/v1/openapi.json holds it) to plain dataclasses
the template draws: the API's title, version and description; how to authenticate; each resource
(an OpenAPI tag) with its operations, their parameters, request body and responses; and every
component schema with its fields. A component named by ``$ref`` is not expanded where it is used:
its name links to its own entry under "Schemas", so a schema that refers to itself ends.

An error response that many operations give alike (the same status, description and body) is
described once, under "Errors", and each operation that gives it links there in one line; an
operation's error that differs from it is shown in full at the operation (``shared_responses``).

A description is cut into paragraphs and bullet lists of plain text and ``code`` (the Markdown
drf-spectacular writes for enums); nothing in it is ever taken as HTML.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from typing import Any

#: The operations of a path, in the order the page lists them.
METHODS = ("get", "post", "put", "patch", "delete", "head", "options", "trace")
REF_PREFIX = "#/components/schemas/"
#: What each place a parameter goes in is called on the page.
LOCATIONS = {"path": "path", "query": "query", "header": "header", "cookie": "cookie"}


# Text ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A run of text: ``code`` when it was between backticks."""

    text: str
    code: bool = False


@dataclass(frozen=True)
class Block:
    """A paragraph (one item) or a bullet list (one item a bullet), each item a run of segments."""

    kind: str  # "paragraph" or "list"
    items: tuple[tuple[Segment, ...], ...]


_BULLET = re.compile(r"^\s*[*-]\s+")


def segments(text: str) -> tuple[Segment, ...]:
    """``"Use `Token <key>` here"`` as plain text and code: backticks mark code."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unmatched backtick is just a character
        parts = [*parts[:-2], parts[-2] + "`" + parts[-1]]
    return tuple(Segment(part, code=index % 2 == 1) for index, part in enumerate(parts) if part)


def blocks(text: str | None) -> tuple[Block, ...]:
    """A description as paragraphs (split by blank lines) and bullet lists (lines from ``*``)."""
    result: list[Block] = []
    for chunk in re.split(r"\n\s*\n", (text or "").strip()):
        runs: list[tuple[str, list[str]]] = []  # ("paragraph", lines) or ("list", bullets)
        for line in (line.strip() for line in chunk.splitlines()):
            if _BULLET.match(line):
                if not runs or runs[-1][0] != "list":
                    runs.append(("list", []))
                runs[-1][1].append(_BULLET.sub("", line))
            elif runs and runs[-1][0] == "list":  # a bullet's text carried on to the next line
                runs[-1][1][-1] += " " + line
            elif runs:
                runs[-1][1].append(line)
            else:
                runs.append(("paragraph", [line]))
        for kind, lines in runs:
            items = [" ".join(lines)] if kind == "paragraph" else lines
            result.append(Block(kind, tuple(segments(item) for item in items)))
    return tuple(result)


# Types --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """A piece of a type's name; ``ref`` names the component schema it links to."""

    text: str
    ref: str = ""

    @property
    def href(self) -> str:
        return f"#{anchor('schema', self.ref)}"


def ref_name(ref: str) -> str:
    """``"#/components/schemas/Group"`` -> ``"Group"``."""
    return ref.removeprefix(REF_PREFIX)


def anchor(prefix: str, name: str) -> str:
    """An element id: letters, digits and hyphens only, so any name makes a valid fragment."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")
    return f"{prefix}-{slug}" if slug else prefix


def type_parts(schema: Mapping[str, Any] | None) -> tuple[Part, ...]:
    """A schema's type as words, a component's name linked: ``array of`` + ``Group``."""
    schema = schema or {}
    if "$ref" in schema:
        name = ref_name(schema["$ref"])
        return (Part(name, name),)
    for key, joiner in (("allOf", " and "), ("oneOf", " or "), ("anyOf", " or ")):
        if key in schema:
            parts: list[Part] = []
            for index, alternative in enumerate(schema[key]):
                if index:
                    parts.append(Part(joiner))
                parts.extend(type_parts(alternative))
            return _nullable(tuple(parts), schema)
    kind = schema.get("type")
    if kind == "array":
        return _nullable((Part("array of "), *type_parts(schema.get("items"))), schema)
    if not kind:
        return _nullable((Part("any"),), schema)
    text = str(kind)
    if schema.get("format"):
        text += f" ({schema['format']})"
    return _nullable((Part(text),), schema)


def _nullable(parts: tuple[Part, ...], schema: Mapping[str, Any]) -> tuple[Part, ...]:
    return (*parts, Part(" or null")) if schema.get("nullable") else parts


def enum_values(schema: Mapping[str, Any] | None) -> tuple[str, ...]:
    """The values a schema allows, its own or its inline alternatives' (a component's enum is
    listed under its own name): ``""`` for a blank string and ``null`` for none."""
    schema = schema or {}
    values: list[Any] = list(schema.get("enum") or ())
    for key in ("allOf", "oneOf", "anyOf"):
        for alternative in schema.get(key) or ():
            if "$ref" not in alternative:
                values.extend(enum_values(alternative))
    if schema.get("type") == "array":
        values.extend(enum_values(schema.get("items")))
    return tuple(_shown(value) for value in values)


def _shown(value: Any) -> str:
    if value is None:
        return "null"
    if value == "":
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


#: A schema keyword and how the page says it.
RULES = (
    ("minLength", "at least {} characters"),
    ("maxLength", "at most {} characters"),
    ("minimum", "at least {}"),
    ("maximum", "at most {}"),
    ("exclusiveMinimum", "more than {}"),
    ("exclusiveMaximum", "less than {}"),
    ("minItems", "at least {} items"),
    ("maxItems", "at most {} items"),
    ("pattern", "matches {}"),
    ("default", "default {}"),
)


def rules(schema: Mapping[str, Any] | None) -> tuple[str, ...]:
    """What a value must be beyond its type: lengths, bounds, a pattern, a default; and whether
    it is only read or only written."""
    schema = schema or {}
    said = [
        re.sub(r"\b1 (character|item)s\b", r"1 \1", text.format(_shown(schema[key])))
        for key, text in RULES
        if key in schema
    ]
    if schema.get("type") == "array" and isinstance(schema.get("items"), Mapping):
        said.extend(f"each item {rule}" for rule in rules(schema["items"]))
    if schema.get("readOnly"):
        said.append("read only")
    if schema.get("writeOnly"):
        said.append("write only")
    return tuple(said)


# The document's parts -----------------------------------------------------------------------------


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


def schema_fields(schema: Mapping[str, Any] | None) -> tuple[Field, ...]:
    """The properties of an object schema, in the document's order."""
    schema = schema or {}
    required = set(schema.get("required") or ())
    return tuple(
        Field(
            name=name,
            type=type_parts(prop),
            required=name in required,
            description=blocks(prop.get("description") or prop.get("title")),
            enum=enum_values(prop),
            rules=rules(prop),
        )
        for name, prop in (schema.get("properties") or {}).items()
    )


def parameter(param: Mapping[str, Any]) -> Field:
    schema = param.get("schema") or {}
    return Field(
        name=param["name"],
        type=type_parts(schema),
        required=bool(param.get("required")),
        description=blocks(param.get("description")),
        enum=enum_values(schema),
        rules=rules(schema),
        location=LOCATIONS.get(param.get("in", ""), str(param.get("in", ""))),
    )


def body(content: Mapping[str, Any] | None, components: Mapping[str, Any]) -> Body | None:
    """A body from its ``content`` (media type -> schema): the first media type's schema (they
    are the same schema in every document drf-spectacular writes), its component's fields."""
    if not content:
        return None
    schema = next(iter(content.values())).get("schema") or {}
    name = ref_name(schema["$ref"]) if "$ref" in schema else ""
    resolved = components.get(name, {}) if name else schema
    return Body(
        media_types=tuple(content),
        type=type_parts(schema),
        fields=schema_fields(resolved),
        schema_name=name,
    )


def operation(
    method: str,
    path: str,
    op: Mapping[str, Any],
    shared: Iterable[Mapping[str, Any]],
    components: Mapping[str, Any],
    default_security: Iterable[Mapping[str, Any]],
) -> Operation:
    """One operation; ``shared`` are the path's own parameters, which it may override."""
    params: dict[tuple[str, str], Mapping[str, Any]] = {}
    for param in [*shared, *(op.get("parameters") or ())]:
        params[(param.get("in", ""), param["name"])] = param
    order = {"path": 0, "query": 1, "header": 2, "cookie": 3}
    ordered = sorted(params.values(), key=lambda p: order.get(p.get("in", ""), 4))
    request = op.get("requestBody") or {}
    request_body = body(request.get("content"), components)
    if request_body is not None:
        request_body = Body(
            request_body.media_types,
            request_body.type,
            request_body.fields,
            request_body.schema_name,
            required=bool(request.get("required")),
        )
    security = op.get("security", list(default_security))
    identifier = op.get("operationId") or f"{method}-{path}"
    return Operation(
        method=method,
        path=path,
        id=identifier,
        anchor=anchor("operation", identifier),
        summary=op.get("summary") or "",
        description=blocks(op.get("description")),
        deprecated=bool(op.get("deprecated")),
        parameters=tuple(parameter(p) for p in ordered),
        body=request_body,
        responses=tuple(
            Response(
                str(status),
                blocks(answer.get("description")),
                body(answer.get("content"), components),
            )
            for status, answer in (op.get("responses") or {}).items()
        ),
        security=tuple(name for requirement in security for name in requirement),
    )


def security_scheme(name: str, scheme: Mapping[str, Any]) -> SecurityScheme:
    kind = scheme.get("type", "")
    if kind == "apiKey":
        where = f"the {scheme.get('name', '')} {scheme.get('in', '')}"
        if scheme.get("in") == "query":
            where = f"the {scheme.get('name', '')} query parameter"
    elif kind == "http":
        where = f"the Authorization header ({scheme.get('scheme', '')})"
    else:
        where = kind
    return SecurityScheme(name, kind, where, blocks(scheme.get("description")))


def is_error(status: str) -> bool:
    """A 4xx or 5xx status (or a range such as ``4XX``)."""
    return status[:1] in ("4", "5")


def shared_responses(operations: Iterable[Operation]) -> tuple[Response, ...]:
    """The error responses to describe once: for each error status, the response (status,
    description and body) that the most operations give, if at least two give it alike; the
    first seen of equally common ones. In order of status."""
    counts: Counter[tuple[str, tuple[Block, ...], Body | None]] = Counter(
        response.same
        for operation in operations
        for response in operation.responses
        if is_error(response.status)
    )
    chosen: dict[str, tuple[str, tuple[Block, ...], Body | None]] = {}
    for same, count in counts.most_common():  # most common first; ties in the order first seen
        if count >= 2 and same[0] not in chosen:
            chosen[same[0]] = same
    return tuple(Response(*chosen[status], shared=True) for status in sorted(chosen))


def with_shared(operation: Operation, shared: Iterable[Response]) -> Operation:
    """The operation with each of its responses that is a shared one marked so."""
    same = {response.same for response in shared}
    return replace(
        operation,
        responses=tuple(
            replace(response, shared=response.same in same) for response in operation.responses
        ),
    )


def build(document: Mapping[str, Any]) -> Reference:
    """The whole page's content from an OpenAPI 3 document."""
    info = document.get("info") or {}
    components = (document.get("components") or {}).get("schemas") or {}
    schemes = (document.get("components") or {}).get("securitySchemes") or {}
    default_security = document.get("security") or ()
    tag_info = {tag["name"]: tag for tag in document.get("tags") or ()}
    by_tag: dict[str, list[Operation]] = {name: [] for name in tag_info}
    count = 0
    for path, item in (document.get("paths") or {}).items():
        shared = item.get("parameters") or ()
        for method in METHODS:
            if method not in item:
                continue
            op = item[method]
            built = operation(method, path, op, shared, components, default_security)
            tag = (op.get("tags") or ["Other"])[0]
            by_tag.setdefault(tag, []).append(built)
            count += 1
    errors = shared_responses(op for operations in by_tag.values() for op in operations)
    resources = tuple(
        Resource(
            name=name,
            anchor=anchor("resource", name),
            description=blocks((tag_info.get(name) or {}).get("description")),
            operations=tuple(with_shared(op, errors) for op in operations),
        )
        for name, operations in by_tag.items()
        if operations
    )
    schemas = tuple(
        Schema(
            name=name,
            anchor=anchor("schema", name),
            type=type_parts(schema),
            description=blocks(schema.get("description")),
            fields=schema_fields(schema),
            enum=enum_values(schema),
            rules=rules(schema),
        )
        for name, schema in components.items()
    )
    return Reference(
        title=str(info.get("title") or "API"),
        version=str(info.get("version") or ""),
        description=blocks(info.get("description")),
        security=tuple(security_scheme(name, scheme) for name, scheme in schemes.items()),
        resources=resources,
        schemas=schemas,
        operation_count=count,
        errors=errors,
    )
