"""Reach's settings: benchmark population shares (one by one, or imported from CSV) and targets
for least-heard groups."""

from __future__ import annotations

import csv
import datetime
import decimal
import io
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from heard.core.permissions import require
from heard.core.updates import Change
from heard.privacy import events, selectors
from heard.privacy.models import BenchmarkShare, Characteristic, LeastHeardGroup, LeastHeardTarget
from heard.privacy.services.common import choice, create, text

BENCHMARK_CSV_COLUMNS = ("characteristic", "value", "area", "share", "source")
TARGET_FIELDS = ("group", "name", "characteristic", "value", "target", "start", "end")


def _share(share: Any, errors: dict[str, Any]) -> decimal.Decimal | None:
    try:
        value = decimal.Decimal(str(share).strip().rstrip("%"))
        if not value.is_finite() or not 0 <= value <= 100:
            raise decimal.InvalidOperation
    except (decimal.InvalidOperation, ValueError):
        errors["share"] = gettext(
            "Enter the share as a percentage from 0 to 100, for example 12.5."
        )
        return None
    return value


def _benchmark_errors(
    characteristic: Any, value: Any, share: Any, area: Any, source: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    errors: dict[str, Any] = {}
    clean: dict[str, Any] = {
        "characteristic": choice(
            characteristic, Characteristic, "characteristic", "a characteristic", errors
        ),
        "value": text(value, "value", 100, errors),
    }
    if not clean["value"]:
        errors["value"] = gettext("Enter the value, for example in_care or Cambridge.")
    elif "characteristic" not in errors and not selectors.is_known_value(
        clean["characteristic"], clean["value"]
    ):
        errors["value"] = gettext("%(value)s is not a value of %(label)s.") % {
            "value": clean["value"],
            "label": Characteristic(clean["characteristic"]).label,
        }
    clean["share"] = _share(share, errors)
    clean["area"] = text(area, "area", 100, errors)
    clean["source"] = text(source, "source", 200, errors)
    return errors, clean


_BENCHMARK_SAVE = Change("benchmark_share_save", events.BENCHMARK_CHANGED, ("share", "source"))


@transaction.atomic
def benchmark_share_save(
    *,
    actor: Any,
    characteristic: str,
    value: str,
    share: decimal.Decimal | float | str,
    area: str = "",
    source: str = "",
) -> BenchmarkShare:
    """Set the benchmark population share for one characteristic value (in an area)."""
    require(actor, "privacy.change_benchmarkshare")
    errors, clean = _benchmark_errors(characteristic, value, share, area, source)
    if errors:
        raise ValidationError(errors)
    key = {name: clean[name] for name in ("characteristic", "value", "area")}
    benchmark = BenchmarkShare.objects.filter(**key).first()
    if benchmark is None:
        benchmark = BenchmarkShare(**key, share=clean["share"], source=clean["source"])
        return create(
            benchmark, actor=actor, event=events.BENCHMARK_SET, audited=[*key, "share", "source"]
        )
    fields = {"share": clean["share"], "source": clean["source"]}
    return _BENCHMARK_SAVE.apply(benchmark, actor=actor, fields=fields)


@transaction.atomic
def benchmark_shares_import(*, actor: Any, text: str) -> list[BenchmarkShare]:
    """Import benchmark shares from CSV (columns characteristic, value, area, share, source):
    all rows or none. Errors name the row."""
    require(actor, "privacy.change_benchmarkshare")
    reader = csv.DictReader(io.StringIO(text))
    missing = {"characteristic", "value", "share"} - set(reader.fieldnames or [])
    if missing:
        raise ValidationError(
            {
                "file": gettext("The file needs the columns %(columns)s.")
                % {"columns": ", ".join(BENCHMARK_CSV_COLUMNS)}
            }
        )
    problems: list[str] = []
    rows: list[dict[str, Any]] = []
    for number, row in enumerate(reader, start=2):
        errors, clean = _benchmark_errors(
            row.get("characteristic", "").strip(),
            row.get("value", ""),
            row.get("share", ""),
            row.get("area", ""),
            row.get("source", ""),
        )
        problems += [f"Row {number}: {message}" for message in errors.values()]
        rows.append(clean)
    if problems:
        raise ValidationError({"file": problems})
    if not rows:
        raise ValidationError({"file": gettext("The file has no rows.")})
    return [benchmark_share_save(actor=actor, **row) for row in rows]


def _period(start: Any, end: Any, errors: dict[str, Any]) -> dict[str, datetime.date | None]:
    dates: dict[str, datetime.date | None] = {}
    for key, raw in (("start", start), ("end", end)):
        if isinstance(raw, str):
            try:
                raw = datetime.date.fromisoformat(raw)
            except ValueError:
                errors[key] = gettext("Enter a real date, for example 2026-04-01.")
        dates[key] = raw if isinstance(raw, datetime.date) else None
        if dates[key] is None and key not in errors:
            errors[key] = gettext("Enter a date.")
    if dates["start"] and dates["end"] and dates["end"] < dates["start"]:
        errors["end"] = gettext("The end of the period must be on or after its start.")
    return dates


def _target_fields(
    group: Any, target: Any, start: Any, end: Any, name: Any, characteristic: Any, value: Any
) -> dict[str, Any]:
    """The target's fields, checked: ``ValidationError`` naming each field that is wrong."""
    errors: dict[str, Any] = {}
    group = choice(group, LeastHeardGroup, "group", "a least-heard group", errors)
    if not isinstance(target, int) or isinstance(target, bool) or target < 0:
        errors["target"] = gettext("Enter the target as a whole number, 0 or more.")
    dates = _period(start, end, errors)
    name = text(name, "name", 100, errors)
    value = text(value, "value", 100, errors)
    if group == LeastHeardGroup.NAMED:
        if not name:
            errors["name"] = gettext("Name the group.")
        choice(characteristic, Characteristic, "characteristic", "a characteristic", errors)
        if "characteristic" not in errors and not selectors.is_known_value(characteristic, value):
            errors["value"] = gettext("Enter a value of that characteristic.")
    else:
        characteristic, value = "", ""
    if errors:
        raise ValidationError(errors)
    return {
        "group": group,
        "name": name,
        "characteristic": characteristic,
        "value": value,
        "target": target,
        **dates,
    }


_TARGET_SAVE = Change("least_heard_target_save", events.TARGET_CHANGED, TARGET_FIELDS)


@transaction.atomic
def least_heard_target_save(
    *,
    actor: Any,
    group: str,
    target: int,
    start: datetime.date | str,
    end: datetime.date | str,
    name: str = "",
    characteristic: str = "",
    value: str = "",
    instance: LeastHeardTarget | None = None,
) -> LeastHeardTarget:
    """Create (or, with ``instance``, change) a target for a least-heard group in a period."""
    require(actor, "privacy.change_leastheardtarget")
    fields = _target_fields(group, target, start, end, name, characteristic, value)
    if instance is None:
        return create(
            LeastHeardTarget(**fields),
            actor=actor,
            event=events.TARGET_SET,
            audited=list(TARGET_FIELDS),
        )
    return _TARGET_SAVE.apply(instance, actor=actor, fields=fields)
