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

By topic: ``text`` (descriptions), ``schema_types`` (a schema's type, values and rules in
words), ``parts`` (the page's dataclasses) and ``document`` (the walk over the document, ``build``).
Everything is importable from here (``heard.api.urls``, the template's comments, the tests).
"""

from heard.api.reference.document import (
    LOCATIONS,
    METHODS,
    body,
    build,
    is_error,
    operation,
    parameter,
    schema_fields,
    security_scheme,
    shared_responses,
    with_shared,
)
from heard.api.reference.parts import (
    Body,
    Field,
    Operation,
    Reference,
    Resource,
    Response,
    Schema,
    SecurityScheme,
)
from heard.api.reference.schema_types import (
    REF_PREFIX,
    RULES,
    Part,
    anchor,
    enum_values,
    ref_name,
    rules,
    type_parts,
)
from heard.api.reference.text import Block, Segment, blocks, segments

__all__ = [
    "LOCATIONS",
    "METHODS",
    "REF_PREFIX",
    "RULES",
    "Block",
    "Body",
    "Field",
    "Operation",
    "Part",
    "Reference",
    "Resource",
    "Response",
    "Schema",
    "SecurityScheme",
    "Segment",
    "anchor",
    "blocks",
    "body",
    "build",
    "enum_values",
    "is_error",
    "operation",
    "parameter",
    "ref_name",
    "rules",
    "schema_fields",
    "security_scheme",
    "segments",
    "shared_responses",
    "type_parts",
    "with_shared",
]
