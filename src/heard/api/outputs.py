"""The fields an output shows of a record: its id first, the fields its service declares with
the text of its related records beside them, and when it was made and last changed."""

from __future__ import annotations

from collections.abc import Iterable

#: When a record was made and last changed: the last fields of an output that has both.
STAMPS = ("created_at", "updated_at")
#: The text an output shows beside a related record, by the name it shows it as, for an output
#: (``OutputSerializer``) that names it in its fields without declaring it: the attribute the
#: path reaches, null where the record may have none related.
RELATED_TEXT = {
    "organisation_name": "organisation.name",
    "owner_name": "owner.full_name",
    "young_person_reference": "young_person.reference",
}


def fields_with(fields: Iterable[str], **after: Iterable[str]) -> list[str]:
    """A record's ``fields`` as its service declares them, each followed by the names ``after``
    gives it (``organisation=["organisation_name"]``): an output's ``Meta.fields`` that follow
    the service's, so a field the service gains is not forgotten here. A name ``after`` gives
    that is one of ``fields`` is moved there (``age_bands=["link"]``: the link after the ages),
    with those that follow it."""
    names = list(fields)
    unknown = set(after) - set(names)
    if unknown:
        raise TypeError(f"fields_with() has no {', '.join(sorted(unknown))} to follow")
    moved = {shown for following in after.values() for shown in following}

    def followed(name: str) -> list[str]:
        return [name, *(shown for one in after.get(name, ()) for shown in followed(one))]

    return [shown for name in names if name not in moved for shown in followed(name)]


def fields_named(fields: Iterable[str], **after: Iterable[str]) -> list[str]:
    """``fields_with``, each related record among ``fields`` followed first by the name of its
    text in ``RELATED_TEXT`` (``organisation``: ``organisation_name``): an output that shows
    the name of each organisation and the reference of each young person beside them."""
    names = list(fields)
    texts = {path.partition(".")[0]: name for name, path in RELATED_TEXT.items()}
    named = {name: [texts[name], *after.get(name, ())] for name in names if name in texts}
    return fields_with(names, **{**after, **named})


def output_fields(fields: Iterable[str], *more: str, **after: Iterable[str]) -> list[str]:
    """The ``Meta.fields`` of an output of a record whose service declares ``fields``: its id,
    those fields with the names ``after`` gives them and the text of their related records
    (``fields_named``), the output's ``more`` and its stamps."""
    return ["id", *fields_named(fields, **after), *more, *STAMPS]
