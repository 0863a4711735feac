"""The page's content from the OpenAPI document: each resource (a tag) with its operations, their
parameters, request body and responses; every component schema with its fields; how to
authenticate.

An error response that many operations give alike (the same status, description and body) is
described once, under "Errors", and each operation that gives it links there in one line; an
operation's error that differs from it is shown in full at the operation (``shared_responses``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from heard.api.reference import parts
from heard.api.reference.schema_types import anchor, enum_values, ref_name, rules, type_parts
from heard.api.reference.text import Block, blocks

#: The operations of a path, in the order the page lists them.
METHODS = ("get", "post", "put", "patch", "delete", "head", "options", "trace")
#: What each place a parameter goes in is called on the page.
LOCATIONS = {"path": "path", "query": "query", "header": "header", "cookie": "cookie"}


def schema_fields(schema: Mapping[str, Any] | None) -> tuple[parts.Field, ...]:
    """The properties of an object schema, in the document's order."""
    schema = schema or {}
    required = set(schema.get("required") or ())
    return tuple(
        parts.Field(
            name=name,
            type=type_parts(prop),
            required=name in required,
            description=blocks(prop.get("description") or prop.get("title")),
            enum=enum_values(prop),
            rules=rules(prop),
        )
        for name, prop in (schema.get("properties") or {}).items()
    )


def parameter(param: Mapping[str, Any]) -> parts.Field:
    schema = param.get("schema") or {}
    return parts.Field(
        name=param["name"],
        type=type_parts(schema),
        required=bool(param.get("required")),
        description=blocks(param.get("description")),
        enum=enum_values(schema),
        rules=rules(schema),
        location=LOCATIONS.get(param.get("in", ""), str(param.get("in", ""))),
    )


def body(content: Mapping[str, Any] | None, components: Mapping[str, Any]) -> parts.Body | None:
    """A body from its ``content`` (media type -> schema): the first media type's schema (they
    are the same schema in every document drf-spectacular writes), its component's fields."""
    if not content:
        return None
    schema = next(iter(content.values())).get("schema") or {}
    name = ref_name(schema["$ref"]) if "$ref" in schema else ""
    resolved = components.get(name, {}) if name else schema
    return parts.Body(
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
) -> parts.Operation:
    """One operation; ``shared`` are the path's own parameters, which it may override."""
    params: dict[tuple[str, str], Mapping[str, Any]] = {}
    for param in [*shared, *(op.get("parameters") or ())]:
        params[(param.get("in", ""), param["name"])] = param
    order = {"path": 0, "query": 1, "header": 2, "cookie": 3}
    ordered = sorted(params.values(), key=lambda p: order.get(p.get("in", ""), 4))
    request = op.get("requestBody") or {}
    request_body = body(request.get("content"), components)
    if request_body is not None:
        request_body = parts.Body(
            request_body.media_types,
            request_body.type,
            request_body.fields,
            request_body.schema_name,
            required=bool(request.get("required")),
        )
    security = op.get("security", list(default_security))
    identifier = op.get("operationId") or f"{method}-{path}"
    return parts.Operation(
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
            parts.Response(
                str(status),
                blocks(answer.get("description")),
                body(answer.get("content"), components),
            )
            for status, answer in (op.get("responses") or {}).items()
        ),
        security=tuple(name for requirement in security for name in requirement),
    )


def security_scheme(name: str, scheme: Mapping[str, Any]) -> parts.SecurityScheme:
    kind = scheme.get("type", "")
    if kind == "apiKey":
        where = f"the {scheme.get('name', '')} {scheme.get('in', '')}"
        if scheme.get("in") == "query":
            where = f"the {scheme.get('name', '')} query parameter"
    elif kind == "http":
        where = f"the Authorization header ({scheme.get('scheme', '')})"
    else:
        where = kind
    return parts.SecurityScheme(name, kind, where, blocks(scheme.get("description")))


def is_error(status: str) -> bool:
    """A 4xx or 5xx status (or a range such as ``4XX``)."""
    return status[:1] in ("4", "5")


def shared_responses(operations: Iterable[parts.Operation]) -> tuple[parts.Response, ...]:
    """The error responses to describe once: for each error status, the response (status,
    description and body) that the most operations give, if at least two give it alike; the
    first seen of equally common ones. In order of status."""
    counts: Counter[tuple[str, tuple[Block, ...], parts.Body | None]] = Counter(
        response.same
        for operation in operations
        for response in operation.responses
        if is_error(response.status)
    )
    chosen: dict[str, tuple[str, tuple[Block, ...], parts.Body | None]] = {}
    for same, count in counts.most_common():  # most common first; ties in the order first seen
        if count >= 2 and same[0] not in chosen:
            chosen[same[0]] = same
    return tuple(parts.Response(*chosen[status], shared=True) for status in sorted(chosen))


def with_shared(operation: parts.Operation, shared: Iterable[parts.Response]) -> parts.Operation:
    """The operation with each of its responses that is a shared one marked so."""
    same = {response.same for response in shared}
    return replace(
        operation,
        responses=tuple(
            replace(response, shared=response.same in same) for response in operation.responses
        ),
    )


def build(document: Mapping[str, Any]) -> parts.Reference:
    """The whole page's content from an OpenAPI 3 document."""
    info = document.get("info") or {}
    components = (document.get("components") or {}).get("schemas") or {}
    schemes = (document.get("components") or {}).get("securitySchemes") or {}
    default_security = document.get("security") or ()
    tag_info = {tag["name"]: tag for tag in document.get("tags") or ()}
    by_tag: dict[str, list[parts.Operation]] = {name: [] for name in tag_info}
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
        parts.Resource(
            name=name,
            anchor=anchor("resource", name),
            description=blocks((tag_info.get(name) or {}).get("description")),
            operations=tuple(with_shared(op, errors) for op in operations),
        )
        for name, operations in by_tag.items()
        if operations
    )
    schemas = tuple(
        parts.Schema(
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
    return parts.Reference(
        title=str(info.get("title") or "API"),
        version=str(info.get("version") or ""),
        description=blocks(info.get("description")),
        security=tuple(security_scheme(name, scheme) for name, scheme in schemes.items()),
        resources=resources,
        schemas=schemas,
        operation_count=count,
        errors=errors,
    )
