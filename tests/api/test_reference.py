"""The API reference (/api/v1/docs/): Heard's own page, drawn on the server from the document.

First the pure functions of heard.api.reference on small documents, then the page itself against
the document /api/v1/openapi.json serves: every operation on it, its parameters, enums and
component links, headings that never skip a level, staff only, the strict CSP and a fixed number
of queries.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from drf_spectacular.settings import patched_settings

from heard.api import reference
from heard.api.reference import Block, Part, Segment
from heard.core.roles import Role
from tests import factories

# The pure functions ------------------------------------------------------------------------------


def test_segments_mark_code_between_backticks():
    assert reference.segments("Send `Token <key>` here") == (
        Segment("Send "),
        Segment("Token <key>", code=True),
        Segment(" here"),
    )
    assert reference.segments("`a`") == (Segment("a", code=True),)
    # An unmatched backtick is only a character.
    assert reference.segments("one ` two `x` three") == (
        Segment("one "),
        Segment(" two ", code=True),
        Segment("x` three"),
    )
    assert reference.segments("") == ()


def test_blocks_are_paragraphs_and_bullet_lists():
    assert reference.blocks(None) == ()
    assert reference.blocks("  ") == ()
    text = (
        "Leave empty with a date of birth:\nthe band is worked out.\n\n"
        "* `under_8` - Under 8\n- `8_10` - 8 to\n  10\n\nLast words."
    )
    assert reference.blocks(text) == (
        Block(
            "paragraph", ((Segment("Leave empty with a date of birth: the band is worked out."),),)
        ),
        Block(
            "list",
            (
                (Segment("under_8", code=True), Segment(" - Under 8")),
                (Segment("8_10", code=True), Segment(" - 8 to 10")),
            ),
        ),
        Block("paragraph", ((Segment("Last words."),),)),
    )
    # A list straight after a paragraph, with no blank line between, is still a list.
    assert reference.blocks("Values:\n* a\n* b") == (
        Block("paragraph", ((Segment("Values:"),),)),
        Block("list", ((Segment("a"),), (Segment("b"),))),
    )


def test_type_parts_name_types_and_link_components():
    ref = {"$ref": "#/components/schemas/Group"}
    assert reference.type_parts(ref) == (Part("Group", "Group"),)
    assert reference.type_parts(ref)[0].href == "#schema-Group"
    assert reference.type_parts({"allOf": [ref], "readOnly": True}) == (Part("Group", "Group"),)
    assert reference.type_parts(
        {"oneOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}]}
    ) == (Part("A", "A"), Part(" or "), Part("B", "B"))
    assert reference.type_parts(
        {"anyOf": [{"type": "number"}, {"type": "string"}], "nullable": True}
    ) == (Part("number"), Part(" or "), Part("string"), Part(" or null"))
    assert reference.type_parts({"allOf": [{"type": "integer"}, {"type": "string"}]}) == (
        Part("integer"),
        Part(" and "),
        Part("string"),
    )
    assert reference.type_parts({"type": "array", "items": ref}) == (
        Part("array of "),
        Part("Group", "Group"),
    )
    assert reference.type_parts({"type": "array"}) == (Part("array of "), Part("any"))
    assert reference.type_parts({}) == (Part("any"),)
    assert reference.type_parts(None) == (Part("any"),)
    assert reference.type_parts({"nullable": True}) == (Part("any"), Part(" or null"))
    assert reference.type_parts({"type": "string", "format": "date", "nullable": True}) == (
        Part("string (date)"),
        Part(" or null"),
    )


def test_enum_values_are_the_schemas_own_and_its_inline_alternatives():
    assert reference.enum_values(None) == ()
    assert reference.enum_values({"type": "string"}) == ()
    assert reference.enum_values({"enum": ["a", "", None, True, False, 3]}) == (
        "a",
        '""',
        "null",
        "true",
        "false",
        "3",
    )
    alternatives = {
        "oneOf": [
            {"type": "integer"},
            {"type": "string", "enum": ["fewer than 5", "withheld"]},
            {"$ref": "#/components/schemas/BlankEnum"},  # listed under its own name
        ]
    }
    assert reference.enum_values(alternatives) == ("fewer than 5", "withheld")
    assert reference.enum_values({"type": "array", "items": {"enum": ["x", "y"]}}) == ("x", "y")


def test_rules_say_what_a_value_must_be():
    assert reference.rules(None) == ()
    assert reference.rules(
        {
            "minLength": 1,
            "maxLength": 100,
            "minimum": 0,
            "maximum": 11,
            "exclusiveMinimum": 2,
            "exclusiveMaximum": 9,
            "minItems": 1,
            "maxItems": 21,
            "pattern": r"\S",
            "default": None,
            "readOnly": True,
            "writeOnly": True,
        }
    ) == (
        "at least 1 character",
        "at most 100 characters",
        "at least 0",
        "at most 11",
        "more than 2",
        "less than 9",
        "at least 1 item",
        "at most 21 items",
        r"matches \S",
        "default null",
        "read only",
        "write only",
    )
    assert reference.rules({"type": "array", "items": {"minimum": 1}}) == ("each item at least 1",)
    assert reference.rules({"type": "array", "items": True}) == ()


def test_anchors_are_valid_fragments_whatever_the_name():
    assert reference.anchor("schema", "Patched Group<Input>") == "schema-Patched-Group-Input"
    assert reference.anchor("operation", "young_people_list") == "operation-young-people-list"
    assert reference.anchor("resource", "***") == "resource"
    assert reference.ref_name("#/components/schemas/Error") == "Error"


def test_schema_fields_read_properties_in_order():
    fields = reference.schema_fields(
        {
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string", "description": "What it is called."},
                "organisation": {"type": "integer", "title": "Supporting organisation"},
                "kind": {"allOf": [{"$ref": "#/components/schemas/KindEnum"}]},
            },
        }
    )
    assert [(f.name, f.required) for f in fields] == [
        ("name", True),
        ("organisation", False),
        ("kind", False),
    ]
    assert fields[0].description == (Block("paragraph", ((Segment("What it is called."),),)),)
    assert fields[1].description[0].items[0][0].text == "Supporting organisation"
    assert fields[2].type == (Part("KindEnum", "KindEnum"),)
    assert reference.schema_fields(None) == ()
    assert reference.schema_fields({"type": "string"}) == ()


def test_a_parameter_is_a_field_with_its_place():
    param = reference.parameter(
        {
            "in": "query",
            "name": "age_band",
            "required": False,
            "schema": {"type": "string", "enum": ["8_10", "11_13"]},
            "description": "* `8_10` - 8 to 10",
        }
    )
    assert (param.name, param.location, param.required, param.enum) == (
        "age_band",
        "query",
        False,
        ("8_10", "11_13"),
    )
    odd = reference.parameter({"in": "matrix", "name": "x"})
    assert (odd.location, odd.type, odd.required) == ("matrix", (Part("any"),), False)


COMPONENTS = {
    "Group": {
        "type": "object",
        "required": ["id"],
        "properties": {"id": {"type": "integer", "readOnly": True}},
    },
}


def test_a_body_resolves_its_component_one_level():
    assert reference.body(None, COMPONENTS) is None
    assert reference.body({}, COMPONENTS) is None
    ref = {"schema": {"$ref": "#/components/schemas/Group"}}
    body = reference.body({"application/json": ref, "multipart/form-data": ref}, COMPONENTS)
    assert body.media_types == ("application/json", "multipart/form-data")
    assert body.schema_name == "Group"
    assert [f.name for f in body.fields] == ["id"]
    unknown = reference.body({"application/json": {"schema": {"$ref": "#/x/Gone"}}}, COMPONENTS)
    assert (unknown.schema_name, unknown.fields) == ("#/x/Gone", ())
    inline = reference.body(
        {"application/json": {"schema": {"type": "object", "properties": {"a": {}}}}}, COMPONENTS
    )
    assert (inline.schema_name, [f.name for f in inline.fields]) == ("", ["a"])
    assert reference.body({"text/plain": {}}, COMPONENTS).type == (Part("any"),)


def test_an_operation_merges_path_parameters_and_orders_them():
    shared = [
        {"in": "path", "name": "id", "required": True, "schema": {"type": "integer"}},
        {"in": "query", "name": "page", "description": "Old"},
    ]
    op = {
        "operationId": "groups_partial_update",
        "summary": "Change a group",
        "description": "Changes <b>it</b>.",
        "deprecated": True,
        "parameters": [
            {"in": "cookie", "name": "c"},
            {"in": "header", "name": "h"},
            {"in": "query", "name": "page", "description": "New"},
        ],
        "requestBody": {
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Group"}}},
            "required": True,
        },
        "responses": {
            "200": {
                "description": "",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Group"}}},
            },
            204: {"description": "Gone."},
        },
        "security": [{"tokenAuth": []}, {"cookieAuth": []}],
    }
    built = reference.operation("patch", "/groups/{id}/", op, shared, COMPONENTS, [])
    assert built.title == "PATCH /groups/{id}/"
    assert built.anchor == "operation-groups-partial-update"
    assert [(p.location, p.name) for p in built.parameters] == [
        ("path", "id"),
        ("query", "page"),
        ("header", "h"),
        ("cookie", "c"),
    ]
    assert built.parameters[1].description[0].items[0][0].text == "New"
    assert built.body.required and built.body.schema_name == "Group"
    assert [r.status for r in built.responses] == ["200", "204"]
    assert built.responses[0].body.schema_name == "Group"
    assert built.responses[1].body is None
    assert built.security == ("tokenAuth", "cookieAuth")
    assert built.deprecated and built.summary == "Change a group"
    assert built.description[0].items[0][0].text == "Changes <b>it</b>."  # escaped by the page

    bare = reference.operation("get", "/x/", {}, (), {}, [{"tokenAuth": []}])
    assert (bare.id, bare.anchor, bare.body, bare.responses) == (
        "get-/x/",
        "operation-get-x",
        None,
        (),
    )
    assert bare.security == ("tokenAuth",)  # the document's own requirement
    optional = reference.operation(
        "post", "/x/", {"requestBody": {"content": {"application/json": {}}}}, (), {}, []
    )
    assert optional.body is not None and not optional.body.required


def test_security_schemes_say_where_the_credential_goes():
    token = reference.security_scheme(
        "tokenAuth",
        {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'Prefix "Token"',
        },
    )
    assert (token.kind, token.where) == ("apiKey", "the Authorization header")
    assert token.description[0].items[0][0].text == 'Prefix "Token"'
    cookie = reference.security_scheme("c", {"type": "apiKey", "in": "cookie", "name": "sessionid"})
    assert cookie.where == "the sessionid cookie"
    query = reference.security_scheme("q", {"type": "apiKey", "in": "query", "name": "key"})
    assert query.where == "the key query parameter"
    bearer = reference.security_scheme("b", {"type": "http", "scheme": "bearer"})
    assert bearer.where == "the Authorization header (bearer)"
    oauth = reference.security_scheme("o", {"type": "oauth2"})
    assert (oauth.where, oauth.description) == ("oauth2", ())


def test_build_groups_operations_by_tag():
    document = {
        "info": {"title": "Test API", "version": "2.0", "description": "About `it`."},
        "tags": [
            {"name": "young-people", "description": "The register."},
            {"name": "unused"},
        ],
        "security": [{"tokenAuth": []}],
        "paths": {
            "/young-people/": {
                "get": {"operationId": "yp_list", "tags": ["young-people"]},
                "post": {"operationId": "yp_create", "tags": ["young-people"]},
                "summary": "not an operation",
            },
            "/health/": {"get": {"operationId": "health"}},
        },
        "components": {
            "schemas": {"KindEnum": {"type": "string", "enum": ["a", "b"]}, **COMPONENTS},
            "securitySchemes": {"tokenAuth": {"type": "apiKey", "in": "header", "name": "X"}},
        },
    }
    built = reference.build(document)
    assert (built.title, built.version, built.operation_count) == ("Test API", "2.0", 3)
    assert [r.name for r in built.resources] == ["young-people", "Other"]
    young = built.resources[0]
    assert (young.title, young.anchor) == ("Young people", "resource-young-people")
    assert young.description[0].items[0][0].text == "The register."
    assert [o.id for o in young.operations] == ["yp_list", "yp_create"]
    assert built.resources[1].operations[0].security == ("tokenAuth",)
    assert [(s.name, s.anchor, s.enum) for s in built.schemas] == [
        ("KindEnum", "schema-KindEnum", ("a", "b")),
        ("Group", "schema-Group", ()),
    ]
    assert built.schemas[1].fields[0].rules == ("read only",)
    assert built.security[0].where == "the X header"
    assert reference.Resource("--", "r", (), ()).title == "--"

    empty = reference.build({})
    assert (empty.title, empty.version, empty.resources, empty.schemas) == ("API", "", (), ())


ERROR_BODY = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}


def _answer(description: str, content: dict | None = None) -> dict:
    return {"description": description, **({"content": content} if content else {})}


def test_errors_given_alike_are_shared_and_one_that_differs_is_the_operations_own():
    ok = _answer("", {"application/json": {"schema": {"$ref": "#/components/schemas/Group"}}})
    invalid = _answer("The input is not valid.", ERROR_BODY)
    document = {
        "paths": {
            "/groups/": {
                "get": {
                    "operationId": "list",
                    "responses": {"200": ok, "400": invalid, "503": _answer("Down.", ERROR_BODY)},
                },
                "post": {
                    "operationId": "create",
                    "responses": {"201": ok, "400": invalid, "503": _answer("Down.", ERROR_BODY)},
                },
            },
            "/groups/{id}/close/": {
                "post": {
                    "operationId": "close",
                    "responses": {
                        "200": ok,
                        # The same status, another description: shown in full here.
                        "400": _answer("Already closed.", ERROR_BODY),
                        # The same description, no body: another response.
                        "503": _answer("Down."),
                        # Given by one operation only: its own.
                        "409": _answer("Taken.", ERROR_BODY),
                    },
                },
                "get": {"operationId": "read", "responses": {"200": ok}},
            },
        },
        "components": {
            "schemas": {
                **COMPONENTS,
                "Error": {"type": "object", "properties": {"detail": {"type": "string"}}},
            }
        },
    }
    built = reference.build(document)
    # Described once: the errors two operations or more give alike; not a 200 two give alike.
    assert [(r.status, r.title, r.anchor, r.shared) for r in built.errors] == [
        ("400", "400 Bad Request", "response-400", True),
        ("503", "503 Service Unavailable", "response-503", True),
    ]
    assert built.errors[0].description[0].items[0][0].text == "The input is not valid."
    assert [f.name for f in built.errors[0].body.fields] == ["detail"]
    operations = {op.id: op for resource in built.resources for op in resource.operations}
    listed = operations["list"]
    assert [r.status for r in listed.responses] == ["200", "400", "503"]  # all, in order
    assert [r.status for r in listed.own_responses] == ["200"]
    assert [r.status for r in listed.shared_responses] == ["400", "503"]
    close = operations["close"]
    assert [r.status for r in close.own_responses] == ["200", "400", "503", "409"]
    assert close.shared_responses == ()
    assert close.own_responses[1].description[0].items[0][0].text == "Already closed."
    assert close.own_responses[2].body is None
    assert operations["read"].shared_responses == ()


def test_the_shared_error_of_a_status_is_the_one_most_operations_give():
    def op(name: str, description: str) -> dict:
        return {"operationId": name, "responses": {"404": _answer(description)}}

    paths = {
        "/a/": {"get": op("a", "Rare."), "post": op("b", "Rare.")},
        "/b/": {"get": op("c", "Common."), "post": op("d", "Common."), "put": op("e", "Common.")},
        "/c/": {"get": op("f", "Once.")},
    }
    built = reference.build({"paths": paths})
    assert [(r.status, r.description[0].items[0][0].text) for r in built.errors] == [
        ("404", "Common.")
    ]
    shared = {op.id for res in built.resources for op in res.operations if op.shared_responses}
    assert shared == {"c", "d", "e"}
    # Equally common: the first seen is shared.
    paths["/b/"].pop("put")
    built = reference.build({"paths": paths})
    assert built.errors[0].description[0].items[0][0].text == "Rare."
    # A status Python does not know, or a range, is titled by itself; a 2xx or 3xx is never shared.
    assert reference.Response("4XX", (), None).title == "4XX"
    assert reference.Response("599", (), None).title == "599"
    assert [reference.is_error(s) for s in ("400", "4XX", "503", "200", "302", "default")] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]


# The page -----------------------------------------------------------------------------------------


class Outline(HTMLParser):
    """The page's headings (level, text), its element ids and its in-page links."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[list] = []
        self.ids: list[str] = []
        self.fragments: set[str] = set()
        self.scripts: list[dict] = []
        self.styled = 0
        self._in_heading = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(attributes["id"])
        if tag == "a" and (attributes.get("href") or "").startswith("#"):
            self.fragments.add(attributes["href"][1:])
        if tag == "script":
            self.scripts.append(attributes)
        if "style" in attributes or tag == "style":
            self.styled += 1
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append([int(tag[1]), ""])
            self._in_heading = True

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag):
            self._in_heading = False

    def handle_data(self, data):
        if self._in_heading:
            self.headings[-1][1] += data


def outline(content: bytes) -> Outline:
    parser = Outline()
    parser.feed(content.decode())
    return parser


@pytest.fixture
def document(api_for, make_user):
    answer = api_for(make_user(Role.BOARD_MEMBER)).get(reverse("openapi"))
    assert answer.status_code == 200
    return answer.json()


@pytest.fixture
def page(client_for, make_user):
    """The page as a partner worker gets it."""
    answer = client_for(
        make_user(Role.PARTNER_WORKER, organisation=factories.OrganisationFactory())
    )
    response = answer.get(reverse("api-docs"))
    assert response.status_code == 200
    assert "api/reference.html" in [template.name for template in response.templates]
    return response


def test_every_operation_of_the_document_is_on_the_page(document, page):
    html = page.content.decode()
    ids = set(outline(page.content).ids)
    operations = [
        (method, path, op)
        for path, item in document["paths"].items()
        for method, op in item.items()
        if method in reference.METHODS
    ]
    assert len(operations) >= 25
    for method, path, op in operations:
        assert reference.anchor("operation", op["operationId"]) in ids, (method, path)
        assert f"{method.upper()} <code>{path}</code>" in html, (method, path)
    for tag in {op["tags"][0] for _, _, op in operations}:
        assert reference.anchor("resource", tag) in ids
    for name in document["components"]["schemas"]:
        assert reference.anchor("schema", name) in ids
    assert f'href="{reverse("openapi")}" download>' in html  # the document to download
    info = document["info"]
    assert f'<h1 class="govuk-heading-xl">{info["title"]}</h1>' in html
    assert f"version {info['version']}" in html


def test_a_parameter_an_enum_and_a_component_link_are_shown(page):
    html = page.content.decode()
    # The list of young people filters by age band: a query parameter with its values.
    list_operation = html.split('id="operation-young-people-list"')[1].split("<h3")[0]
    assert '<code>age_band</code></th>\n<td class="govuk-table__cell" data-label="In">query' in (
        list_operation
    )
    values = list_operation.split("<code>age_band</code>")[1].split("</tr>")[0]
    assert "Values: <code>11_13</code>, <code>14_15</code>" in values
    # Its answer is a page of YoungPerson records: linked to the schema, not expanded there.
    assert '<a class="govuk-link" href="#schema-PaginatedYoungPersonList">' in list_operation
    assert '<a class="govuk-link" href="#schema-YoungPerson">YoungPerson</a>' in html
    # A schema's field that names another component links to it.
    schema = html.split('id="schema-YoungPerson"')[1].split("<h3")[0]
    assert '<a class="govuk-link" href="#schema-AgeBandEnum">AgeBandEnum</a>' in schema
    enum = html.split('id="schema-AgeBandEnum"')[1].split("<h3")[0]
    assert "Values: <code>under_8</code>, <code>8_10</code>, <code>11_13</code>" in enum
    # Every in-page link leads to an element of the page; no id is used twice.
    parsed = outline(page.content)
    assert parsed.fragments <= set(parsed.ids)
    assert len(parsed.ids) == len(set(parsed.ids))


def test_errors_given_alike_are_described_once_and_linked_from_each_operation(document, page):
    html = page.content.decode()
    parsed = outline(page.content)
    # The errors every operation gives alike, each once under "Errors" with the Error fields.
    errors = html.split('<h2 class="govuk-heading-l" id="errors">Errors</h2>')[1].split("<h2")[0]
    for status, title in (("401", "401 Unauthorized"), ("403", "403 Forbidden")):
        assert f'<h3 class="govuk-heading-m" id="response-{status}">{title}</h3>' in errors
    assert errors.count("Fields of the 401 response") == 1
    assert "<code>detail</code>" in errors and 'href="#schema-Error">Error</a>' in errors
    assert '<a class="govuk-link" href="#errors">Errors</a>' in html  # in the contents
    unauthorised = document["paths"]["/api/v1/groups/"]["get"]["responses"]["401"]
    assert html.count(unauthorised["description"].split(":")[0]) == 1  # not once an operation
    # An operation lists them in one line of links, its own in full.
    listed = html.split('id="operation-groups-list"')[1].split("<h3")[0]
    assert (
        '<p class="govuk-body-s">Shared errors: <a class="govuk-link" href="#response-400">'
        "400 Bad Request</a>, "
    ) in listed
    assert '<a class="govuk-link" href="#response-503">503 Service Unavailable</a>.</p>' in listed
    assert 'data-label="Status">200</th>' in listed and 'data-label="Status">401' not in listed
    # Closing a concern answers a 400 of its own: shown in full there, not linked.
    close_op = document["paths"]["/api/v1/safeguarding-concerns/{id}/close/"]["post"]
    close = html.split(f'id="{reference.anchor("operation", close_op["operationId"])}"')[1]
    close = close.split("<h3")[0]
    assert close_op["responses"]["400"]["description"].startswith("The concern is already closed")
    assert 'data-label="Status">400</th>' in close
    assert "The concern is already closed" in close
    assert 'href="#response-400"' not in close and 'href="#response-401"' in close
    assert parsed.fragments <= set(parsed.ids)


def test_headings_never_skip_a_level(page):
    headings = outline(page.content).headings
    levels = [level for level, _ in headings]
    assert levels.count(1) == 1
    assert headings[[lv for lv, _ in headings].index(1)][1] == "Heard API"
    assert {2, 3, 4} <= set(levels)
    first = levels.index(1)
    for before, after in zip(levels[first:], levels[first + 1 :], strict=False):
        assert after <= before + 1, (before, after)


def test_the_page_is_for_signed_in_staff_only(client, client_for, make_user, db):
    url = reverse("api-docs")
    answer = client.get(url)
    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("core:sign-in"))
    # A young person signed in to the portal is not signed in to the staff side.
    officer = make_user(Role.PARTICIPATION_OFFICER)
    from heard.portal import services as portal_services

    young_person = factories.YoungPersonFactory()
    _, code = portal_services.sign_in_code_issue(actor=officer, young_person=young_person)
    assert client.post(reverse("portal:sign-in"), {"code": code}).status_code == 302
    answer = client.get(url)
    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("core:sign-in"))
    for role in Role:
        user = make_user(role, organisation=factories.OrganisationFactory())
        assert client_for(user).get(url).status_code == 200, role


def test_the_page_has_the_strict_content_security_policy(page):
    policy = page["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "worker-src" not in directives
    parsed = outline(page.content)
    assert parsed.styled == 0  # no inline style to allow
    assert all(script.get("src", "").startswith("/static/") for script in parsed.scripts)
    assert b"redoc" not in page.content.lower()


def test_markup_in_a_description_is_escaped(client_for, make_user):
    client = client_for(make_user(Role.BOARD_MEMBER))
    description = "<script>alert('x')</script>\n\n* `<b>Token</b>` is <i>it</i>"
    with patched_settings({"DESCRIPTION": description}):
        response = client.get(reverse("api-docs"))
    html = response.content.decode()
    assert "<script>alert" not in html and "<b>Token</b>" not in html and "<i>it</i>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<li><code>&lt;b&gt;Token&lt;/b&gt;</code> is &lt;i&gt;it&lt;/i&gt;</li>" in html


def test_the_page_runs_a_fixed_number_of_queries(client_for, make_user, django_assert_num_queries):
    client = client_for(make_user(Role.BOARD_MEMBER))
    url = reverse("api-docs")
    client.get(url)  # the session's first writes
    with django_assert_num_queries(QUERIES):
        client.get(url)
    for _ in range(3):
        factories.YoungPersonFactory()
        factories.GroupFactory()
    with django_assert_num_queries(QUERIES):
        client.get(url)


#: The session and its user, and nothing for the document: it is read from the code.
QUERIES = 2
