"""``common.Operations``: a viewset's selectors and services named once by the apps' convention,
and the mistakes it refuses at import rather than at a request."""

from types import ModuleType

import pytest

from heard.api import common
from heard.api.operations import Operations


def module(name, **functions):
    made = ModuleType(name)
    for key, value in functions.items():
        setattr(made, key, value)
    return made


def get(user, pk):
    return "own"


def visible(user):
    return "visible"


def add(**kwargs):
    return "added"


def update(**kwargs):
    return "changed"


def delete(**kwargs):
    return None


SELECTORS = module("fake.selectors", entry_get=get, entries_visible_to=visible)
SERVICES = module(
    "fake.services", entry_add=add, entry_record=add, entry_update=update, entry_delete=delete
)


def test_the_convention_names_each_function_once():
    operations = Operations(SELECTORS, SERVICES, "entry")
    assert operations.record_name == "entry"
    assert operations.functions == {
        "one": get,
        "visible": visible,
        "adds": add,
        "changes": update,
        "removes": delete,
    }


def test_a_record_the_modules_have_nothing_of_fails():
    with pytest.raises(TypeError, match="name no diary"):
        Operations(SELECTORS, SERVICES, "diary")


def test_another_verb_for_adding_must_exist():
    assert Operations(SELECTORS, SERVICES, "entry", add="record").functions["adds"] is add
    with pytest.raises(TypeError, match="fake.services has no entry_log"):
        Operations(SELECTORS, SERVICES, "entry", add="log")


def test_a_viewset_keeps_what_it_names_itself():
    def own_one(user, pk):
        return "mine"

    class Entries(common.RecordDeleteViewSet):
        operations = Operations(SELECTORS, SERVICES, "entry")
        one = staticmethod(own_one)
        record_name = "item"

    assert Entries.one is own_one
    assert (Entries.visible, Entries.adds, Entries.removes) == (visible, add, delete)
    assert Entries.record_name == "item"


def test_a_standard_write_without_its_service_fails_at_import():
    read_only = module("fake.read_services", entry_add=add)
    with pytest.raises(TypeError, match="Entries.update needs changes"):

        class Entries(common.RecordDeleteViewSet):
            operations = Operations(SELECTORS, read_only, "entry")
