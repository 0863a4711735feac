"""A schema in words: its type (a component's name linked to its entry), the values it allows
and the rules its values keep."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

REF_PREFIX = "#/components/schemas/"


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
