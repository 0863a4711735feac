"""What the API's resources share: the shapes of their viewsets, the permission each action asks,
the check of their input and the form of their outputs.

A viewset lists and reads records through a selector's queryset and writes them through a
service: ``create`` and ``update`` check the input (a 400 with its errors otherwise), hand it to
the viewset's ``record`` or ``change`` (the service call) and answer with the record as the
output serializer shows it.

The base classes say what they are in comments, not docstrings: the OpenAPI document would take a
base's docstring as the description of each resource, or output, that has none of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, cast

from django.db.models import Model
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from heard.api.fields import TEXT_MAX_LENGTH as TEXT_MAX_LENGTH
from heard.api.operations import Operations
from heard.api.outputs import RELATED_TEXT as RELATED_TEXT
from heard.api.outputs import STAMPS as STAMPS
from heard.api.outputs import fields_named as fields_named
from heard.api.outputs import fields_with as fields_with
from heard.api.outputs import output_fields as output_fields
from heard.core.selectors import one_or_404
from heard.people.models import User

REQUIRED = serializers.Field.default_error_messages["required"]
#: The actions that write a record, and answer with it.
_WRITES = ("create", "update", "partial_update")
#: The Django permission verb each standard action asks of its model.
_VERBS = {
    "list": "view",
    "retrieve": "view",
    "create": "add",
    "update": "change",
    "partial_update": "change",
    "destroy": "delete",
}
#: The action each mixin gives a viewset: the standard actions whose permissions it asks.
_MIXIN_ACTIONS = (
    (mixins.ListModelMixin, "list"),
    (mixins.RetrieveModelMixin, "retrieve"),
    (mixins.CreateModelMixin, "create"),
    (mixins.UpdateModelMixin, "partial_update"),
    (mixins.DestroyModelMixin, "destroy"),
)
#: The summary of a standard action on one record in the OpenAPI document, from what the
#: viewset calls its record (``called = "a resource"``).
_SUMMARIES = {
    "retrieve": "One {noun}",
    "partial_update": "Change {called}",
    "destroy": "Delete {called}",
}
#: The standard writes, each through a method that calls the service an attribute names:
#: (the action, the method, the attribute).
_SERVICE_CALLS = (
    ("create", "record", "adds"),
    ("update", "change", "changes"),
    ("destroy", "remove", "removes"),
)
READ = ("list", "retrieve")
READ_CREATE = (*READ, "create")
READ_WRITE = (*READ_CREATE, "partial_update")


def model_permissions(
    model: type[Model], actions: tuple[str, ...] = READ_WRITE, **more: str | Mapping[str, str]
) -> dict[str, Any]:
    """A viewset's ``action_permissions`` (``heard.api.permissions``) for records of ``model``:
    each of ``actions`` asks the model's matching permission (reads ``<app>.view_<model>``, a
    create ``add``, a change ``change``). ``more`` names another action's: a verb of the model
    (``end="change"``), a permission (with its dot) or ``{method: permission}``."""
    meta = model._meta

    def named(verb: str) -> str:
        return f"{meta.app_label}.{verb}_{meta.model_name}"

    permissions: dict[str, Any] = {action: named(_VERBS[action]) for action in actions}
    for action, permission in more.items():
        is_verb = isinstance(permission, str) and "." not in permission
        permissions[action] = named(permission) if is_verb else permission  # type: ignore[arg-type]
    return permissions


# What a read answers: every field in ``Meta.fields`` is read-only; one of ``RELATED_TEXT`` it
# does not declare is the text of its related record.
class OutputSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    def get_extra_kwargs(self) -> dict[str, Any]:
        extra: dict[str, Any] = super().get_extra_kwargs()
        for name in self.Meta.fields:
            extra.setdefault(name, {})["read_only"] = True
        return extra

    def build_unknown_field(self, field_name: str, model_class: type[Model]) -> Any:
        path = RELATED_TEXT.get(field_name)
        if path is None:
            return super().build_unknown_field(field_name, model_class)
        relation = model_class._meta.get_field(path.partition(".")[0])
        kwargs = {"source": path, "read_only": True, "allow_null": relation.null}
        return serializers.CharField, kwargs


def validated(
    serializer_class: type[serializers.Serializer],  # type: ignore[type-arg]
    request: Request,
    *,
    context: Mapping[str, Any] | None = None,
    partial: bool = False,
    instance: Any = None,
) -> dict[str, Any]:
    """The request's input checked by ``serializer_class`` (400 with its errors otherwise): the
    keyword arguments a write passes to its service."""
    serializer = serializer_class(
        instance, data=request.data, partial=partial, context=context or {}
    )
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class ServiceSchema(AutoSchema):
    """The document of a ``ServiceViewSet``: each operation takes the serializer its action is
    given (``get_serializer_class``); a write answers with the record as the output shows it."""

    def get_response_serializers(self) -> Any:
        view: Any = self.view
        if getattr(view, "action", None) in _WRITES:
            return view.output_serializer or view.serializer_class
        return super().get_response_serializers()


# Records read through a selector and written through a service. ``serializer_class`` shows
# them in a list; ``output_serializer`` shows one (read, made or changed); ``input_serializer``
# checks what a create is given and ``change_serializer`` what a change is; each falls back to
# the one before it when not named.
class ServiceViewSet(viewsets.GenericViewSet):  # type: ignore[type-arg]
    http_method_names = ["get", "post", "head", "options"]
    schema = ServiceSchema()
    input_serializer: type[serializers.Serializer] | None = None  # type: ignore[type-arg]
    output_serializer: type[serializers.Serializer] | None = None  # type: ignore[type-arg]
    change_serializer: type[serializers.Serializer] | None = None  # type: ignore[type-arg]
    #: A selector that finds one record the user may see, ``one(user, pk)``, 404 otherwise. When
    #: named, a change finds its record with it, and what a write made is read again with it.
    one: Callable[[Any, Any], Any] | None = None
    #: A selector of the records the user may see, ``visible(user)``: the list, and the records
    #: read, changed and deleted by id. Without one, the viewset writes ``get_queryset``.
    visible: Callable[[Any], Any] | None = None
    #: What a record is called in a 404's "No such <noun>.": when named, ``one`` is the record
    #: of that id among those ``visible`` gives (``heard.core.selectors.one_or_404``).
    noun = ""

    #: The permission each action asks (``heard.api.permissions``): the model's for the
    #: standard actions, as ``_declare_model`` gives them, unless the viewset names them.
    action_permissions: Mapping[str, Any]
    #: The permissions of the viewset's other actions (or others for its standard ones), as
    #: ``model_permissions`` takes them: ``{"withdraw": "change"}``.
    more_permissions: Mapping[str, str | Mapping[str, str]] = {}
    #: What the OpenAPI document says each action does, ``{action: summary}``; a viewset that
    #: says what it calls its record (``called = "a resource"``) need not give the summaries
    #: of reading, changing and deleting one ("One resource", "Change a resource", ...).
    summaries: Mapping[str, str] = {}
    called = ""

    #: The record's selectors and services by the apps' convention, for those of ``one``,
    #: ``visible``, ``adds``, ``changes``, ``removes`` and ``record_name`` it does not name.
    operations: Operations | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        operations = cls.__dict__.get("operations")
        if operations is not None:
            cls._declare_operations(operations)
        visible, noun = cls.visible, cls.noun
        if noun and visible is not None and "one" not in cls.__dict__:

            def one(user: Any, pk: Any) -> Any:
                return one_or_404(visible(user), pk, noun)

            cls.one = staticmethod(one)
        model = getattr(getattr(cls.serializer_class, "Meta", None), "model", None)
        if "serializer_class" in cls.__dict__ and model is not None:
            cls._declare_model(model)
        if "summaries" in cls.__dict__ or "called" in cls.__dict__:
            cls._declare_summaries()

    @classmethod
    def _declare_operations(cls, operations: Operations) -> None:
        """Take from ``operations`` what the viewset does not name itself; fail at import where
        a standard write, as this module writes it, would call a service it has none of."""
        for name, function in operations.functions.items():
            if function is not None and name not in cls.__dict__:
                setattr(cls, name, staticmethod(function))
        if "record_name" not in cls.__dict__:
            cls.record_name = operations.record_name
        for action, method, service in _SERVICE_CALLS:
            calls = (getattr(cls, action, None), getattr(cls, method, None))
            from_here = all(getattr(call, "__module__", None) == __name__ for call in calls)
            if from_here and getattr(cls, service) is None:
                raise TypeError(f"{cls.__qualname__}.{action} needs {service}: name its service")

    @classmethod
    def _declare_model(cls, model: type[Model]) -> None:
        """The records of ``model`` (the list's output's): the queryset the OpenAPI document
        reads their ids from, the keyword the services take one by, and the permission of each
        standard action (the model's permission for its verb) besides ``more_permissions``,
        unless the viewset names them."""
        if "queryset" not in cls.__dict__:
            cls.queryset = model._default_manager.none()
        if not cls.record_name:
            cls.record_name = cls.noun or model._meta.model_name or ""
        if "action_permissions" not in cls.__dict__:
            actions = tuple(action for mixin, action in _MIXIN_ACTIONS if issubclass(cls, mixin))
            cls.action_permissions = model_permissions(model, actions, **cls.more_permissions)

    @classmethod
    def _declare_summaries(cls) -> None:
        """Give each action its summary in the OpenAPI document: those of ``summaries``, and
        for a viewset that says what it calls its record, those of the standard actions on one
        record it has that ``summaries`` leaves out."""
        called = cls.called
        summaries = {
            action: summary.format(called=called, noun=called.partition(" ")[2])
            for action, summary in _SUMMARIES.items()
            if called and hasattr(cls, action)
        }
        summaries.update(cls.summaries)
        extend_schema_view(
            **{action: extend_schema(summary=summary) for action, summary in summaries.items()}
        )(cls)

    def get_queryset(self) -> Any:
        if self.visible is None:
            return super().get_queryset()
        return self.visible(self.request.user)

    @property
    def actor(self) -> User:
        """Who makes the change: a signed-in member of staff (``IsStaffUser`` let no one else
        in)."""
        return cast(User, self.request.user)

    def get_serializer_class(self) -> Any:
        output = self.output_serializer or self.serializer_class
        given = self.input_serializer or output
        return {
            "retrieve": output,
            "create": given,
            "update": self.change_serializer or given,
            "partial_update": self.change_serializer or given,
        }.get(self.action, self.serializer_class)

    def validated(
        self,
        serializer_class: type[serializers.Serializer] | None = None,  # type: ignore[type-arg]
        *,
        partial: bool = False,
        instance: Any = None,
    ) -> dict[str, Any]:
        """The request's input, checked by ``serializer_class`` (the action's input serializer
        when not named), with the request in its context."""
        return validated(
            serializer_class or self.get_serializer_class(),
            self.request,
            context=self.get_serializer_context(),
            partial=partial,
            instance=instance,
        )

    def to_change(self) -> Any:
        """The record the request changes (404 if the user may not see it; 403 if they may not
        change it)."""
        if self.one is None:
            return self.get_object()
        obj = self.one(self.request.user, self.kwargs["pk"])
        self.check_object_permissions(self.request, obj)
        return obj

    def fresh(self, obj: Any) -> Any:
        """``obj`` as the output shows it, after a write: read again with ``one`` where it is
        named (the output needs what the selector adds, such as counts)."""
        return obj if self.one is None else self.one(self.request.user, obj.pk)

    def shown(self, obj: Any, code: int = status.HTTP_200_OK) -> Response:
        output = self.output_serializer or self.serializer_class
        data = output(self.fresh(obj), context=self.get_serializer_context()).data  # type: ignore[misc]
        return Response(data, status=code)

    #: The services a viewset writes through when they take only the actor, the checked input
    #: and (to change or delete) the record by the keyword ``record_name``:
    #: ``adds = staticmethod(services.activity_record)``, ``changes``, ``removes`` alike. A
    #: viewset whose writes need more writes ``record``, ``change`` or ``remove`` instead.
    adds: Callable[..., Any] | None = None
    changes: Callable[..., Any] | None = None
    removes: Callable[..., Any] | None = None
    #: The keyword the services take the record by, unless named: the viewset's ``noun``, else
    #: its model's name (``outcome=`` for an ``Outcome``).
    record_name = ""

    def record(self, values: dict[str, Any]) -> Any:
        """Make a record of the checked input through the service; return it."""
        if self.adds is None:
            raise NotImplementedError
        return self.adds(actor=self.actor, **values)

    def write(self, service: Callable[..., Any] | None, obj: Any, **values: Any) -> Any:
        """``service`` called with the actor, ``obj`` as ``record_name`` and ``values``."""
        if service is None or not self.record_name:
            raise NotImplementedError
        return service(actor=self.actor, **{self.record_name: obj}, **values)


# Records listed, and added through ``record``: 201 with the new one.
class ListCreateViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, ServiceViewSet):
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.shown(self.record(self.validated()), status.HTTP_201_CREATED)


# Records listed, read one by one, and added through ``record``.
class ReadCreateViewSet(mixins.RetrieveModelMixin, ListCreateViewSet):
    pass


# Records listed, read, added through ``record`` and changed through ``change`` (PATCH; a
# viewset that also takes PUT names it in ``http_method_names``).
class RecordViewSet(mixins.UpdateModelMixin, ReadCreateViewSet):
    http_method_names = ["get", "post", "patch", "head", "options"]

    def change(self, obj: Any, values: dict[str, Any]) -> Any:
        """Change ``obj`` by the checked input through the service (``changes``); return it."""
        return self.write(self.changes, obj, **values)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.to_change()
        partial = kwargs.pop("partial", False)
        values = self.validated(partial=partial, instance=obj)
        return self.shown(self.change(obj, values))


# Records deleted through ``remove`` (the service call): DELETE answers 204, with no content.
class DeleteMixin(mixins.DestroyModelMixin):
    def remove(self, obj: Any) -> None:
        """Delete ``obj`` through the service (``removes``)."""
        viewset = cast(ServiceViewSet, self)
        viewset.write(viewset.removes, obj)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.remove(cast(ServiceViewSet, self).to_change())
        return Response(status=status.HTTP_204_NO_CONTENT)


# Records listed, read, added, changed (PATCH) and deleted.
class RecordDeleteViewSet(DeleteMixin, RecordViewSet):
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]


# Records listed, read, added and deleted, never changed.
class ReadCreateDeleteViewSet(DeleteMixin, ReadCreateViewSet):
    http_method_names = ["get", "post", "delete", "head", "options"]
