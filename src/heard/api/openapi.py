"""What the OpenAPI document says about every operation, in one place (a drf-spectacular
postprocessing hook, ``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``): the error answers each
can give, with their one body, and text that must not be blank."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema

ERROR = "Error"

#: One body for every error (``heard.api.errors``): ``detail`` for the request as a whole (no or
#: a wrong token, no permission, not found, input that is not JSON); for a 400 about fields, each
#: field that is wrong with its messages (a list of strings; for a list of items, one entry per
#: item, an empty object for an item that is right).
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "What went wrong. `detail` says it for the whole request; a 400 about the "
    "input names each field that is wrong with its messages, and `non_field_errors` holds "
    "those about several fields together.",
    "properties": {
        "detail": {"type": "string"},
        "non_field_errors": {"type": "array", "items": {"type": "string"}},
    },
    "additionalProperties": {
        "oneOf": [
            {"type": "array", "items": {}},
            {"type": "object"},
            {"type": "string"},
        ]
    },
}

#: The answers every operation may give besides its own.
ALWAYS = {
    "401": "No token, or one that is not valid: sign in with a staff token.",
    "403": "The user may not do this (or is not a member of staff).",
    "503": "The database is unavailable for a moment: try again shortly.",
}
BAD_INPUT = (
    "The input is not valid (a body that is not JSON, a field or filter that is wrong, an id "
    "that names nothing the user may see), or the change breaks a rule of the record (such as "
    "closing a concern that is not decided): each field that is wrong, with its messages."
)
NOT_FOUND = "No such record that the user may see (or no such page of the list)."
UNSUPPORTED = "The body is not JSON (``Content-Type: application/json``) or a form."

#: Query parameters whose wrong values are not a 400 (a page that does not exist is a 404; a
#: page size that is not a number gives the default).
_PAGING = {"page", "page_size"}

#: Matches a text with at least one character that is not white space: Heard's text fields trim
#: white space, so a text of spaces only is blank.
NOT_BLANK = r"\S"


def _error_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR}"}}},
    }


def _takes_input(method: str, operation: dict[str, Any]) -> bool:
    """A change (its input, or a rule it must keep, such as a concern that can only be closed
    once decided), or a read with filters."""
    parameters = operation.get("parameters", [])
    filters = [p for p in parameters if p.get("in") == "query" and p["name"] not in _PAGING]
    return method != "get" or bool(filters)


def _finds_something(path: str, operation: dict[str, Any]) -> bool:
    parameters = operation.get("parameters", [])
    return "{" in path or any(p.get("name") == "page" for p in parameters)


def _not_blank(schema: dict[str, Any]) -> None:
    """A text a request must give (``minLength`` 1) may not be white space only."""
    for prop in schema.get("properties", {}).values():
        plain_text = prop.get("type") == "string" and not {"format", "enum", "pattern"} & set(prop)
        if plain_text and prop.get("minLength", 0) >= 1:
            prop["pattern"] = NOT_BLANK


def document_errors(result: dict[str, Any], generator: Any, request: Any, public: bool) -> Any:
    """Add the error answers (400, 401, 403, 404, 415, 503) with their body to every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})[ERROR] = ERROR_SCHEMA
    for name, schema in result["components"]["schemas"].items():
        if name.endswith("Request"):
            _not_blank(schema)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            answers = dict(ALWAYS)
            if _takes_input(method, operation):
                answers["400"] = BAD_INPUT
            if _finds_something(path, operation):
                answers["404"] = NOT_FOUND
            if "requestBody" in operation:
                answers["415"] = UNSUPPORTED
            responses = operation.setdefault("responses", {})
            for code in sorted(answers):
                responses.setdefault(code, _error_response(answers[code]))
    return result


class OneObjectSchema(AutoSchema):
    """For a viewset whose ``list`` action serves one object (the home counts, the loop
    figures): documented as that object, not as a list of them."""

    def _is_list_view(self, serializer: Any = None) -> bool:
        return False
