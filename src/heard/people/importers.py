"""Reading a CSV file of young people into values the service can check and create.

Parsing only: decoding, the header, and turning each cell into a value (an age band code, a date, an
organisation). The service ``young_people_import`` checks the rows and creates them.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from typing import IO, Any

from heard.core.roles import AgeBand
from heard.people.models import Organisation, YoungPerson

MAX_ROWS = 10_000
COLUMNS = (
    "first_name",
    "last_name",
    "preferred_name",
    "age_band",
    "date_of_birth",
    "organisation",
    "area",
    "communication_needs",
    "access_needs",
    "contact_preference",
)
#: Optional: "yes" to add a row that looks like a record already on the register.
CONFIRM_COLUMN = "confirm_not_duplicate"
REQUIRED_COLUMNS = ("first_name", "organisation")
#: Columns read as they are (stripped): names, area and needs.
TEXT_COLUMNS = (
    "first_name",
    "last_name",
    "preferred_name",
    "area",
    "communication_needs",
    "access_needs",
)
_YES = frozenset({"yes", "y", "true", "1", "x"})
_NO = frozenset({"", "no", "n", "false", "0"})
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


@dataclass
class Row:
    line: int
    values: dict[str, Any]
    errors: list[tuple[str, str]] = field(default_factory=list)
    confirm_not_duplicate: bool = False


@dataclass
class Parsed:
    rows: list[Row] = field(default_factory=list)
    #: Problems with the file itself (encoding, header, malformed CSV): (line, field, message).
    errors: list[tuple[int, str, str]] = field(default_factory=list)


def _normalise(text: str) -> str:
    text = text.strip().lower().replace("\u2013", "-")
    text = re.sub(r"\s*(?:\bto\b|-)\s*", "_", text)
    return re.sub(r"\s+", "_", text)


_AGE_BANDS = {_normalise(code): code for code in AgeBand.values} | {
    _normalise(str(label)): code for code, label in AgeBand.choices
}
_CONTACT = {code: code for code in YoungPerson.ContactPreference.values} | {
    str(label).lower(): code for code, label in YoungPerson.ContactPreference.choices
}


def parse_age_band(text: str) -> str | None:
    return _AGE_BANDS.get(_normalise(text))


def parse_date(text: str) -> datetime.date | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a date only
        except ValueError:
            continue
    return None


def _header_key(text: str) -> str:
    return re.sub(r"[\s-]+", "_", text.strip().lower())


def _read_text(file: IO[str] | IO[bytes] | bytes | str) -> str:
    data: Any = file.read() if hasattr(file, "read") else file
    if isinstance(data, bytes):
        return data.decode("utf-8-sig")
    return str(data).removeprefix("\ufeff")


def parse_young_people_csv(file: IO[str] | IO[bytes] | bytes | str) -> Parsed:
    parsed = Parsed()
    try:
        text = _read_text(file)
    except UnicodeDecodeError:
        parsed.errors.append(
            (0, "file", "The file is not UTF-8 text. Save it as 'CSV UTF-8' and upload it again.")
        )
        return parsed
    if not text.strip():
        parsed.errors.append((0, "file", "The file is empty."))
        return parsed
    if "\x00" in text:
        parsed.errors.append(
            (0, "file", "The file is not a CSV text file. Save it as 'CSV UTF-8'.")
        )
        return parsed
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [_header_key(cell) for cell in next(reader)]
        known = (*COLUMNS, CONFIRM_COLUMN)
        for name in header:
            if name not in known:
                parsed.errors.append((1, name or "header", f"Unknown column '{name}'."))
        for name in {n for n in header if header.count(n) > 1}:
            parsed.errors.append((1, name, f"The column '{name}' appears more than once."))
        for name in REQUIRED_COLUMNS:
            if name not in header:
                parsed.errors.append((1, name, f"The file has no '{name}' column."))
        if "age_band" not in header and "date_of_birth" not in header:
            parsed.errors.append(
                (1, "age_band", "The file needs an 'age_band' or a 'date_of_birth' column.")
            )
        if parsed.errors:
            return parsed
        organisations = {org.name.lower(): org for org in Organisation.objects.all()}
        line = reader.line_num
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(parsed.rows) >= MAX_ROWS:
                parsed.errors.append(
                    (start, "file", f"A file may hold up to {MAX_ROWS:,} young people.")
                )
                return parsed
            parsed.rows.append(_parse_row(start, header, cells, organisations))
    except csv.Error as exc:
        parsed.errors.append((reader.line_num, "file", f"The file is not a valid CSV file: {exc}."))
    return parsed


def _parse_choice(row: Row, name: str, text: str, parse: Any, default: Any, problem: str) -> None:
    """``values[name]``: ``parse(text)``, or ``default`` for an empty cell; ``problem`` (with
    ``{text}``) for a cell that ``parse`` cannot read."""
    row.values[name] = default
    if not text:
        return
    value = parse(text)
    if value is None:
        row.errors.append((name, problem.format(text=text)))
    else:
        row.values[name] = value


def _parse_organisation(row: Row, text: str, organisations: dict[str, Organisation]) -> None:
    organisation = organisations.get(text.lower()) if text else None
    row.values["organisation"] = organisation
    if not text:
        row.errors.append(("organisation", "Enter the supporting organisation's name."))
    elif organisation is None:
        row.errors.append(("organisation", f"There is no organisation called '{text}'."))
    elif not organisation.is_active:
        row.errors.append(("organisation", f"'{organisation.name}' is no longer active."))


_BANDS = ", ".join(str(label) for label in AgeBand.labels)
_CONTACT_OPTIONS = ", ".join(str(label) for label in YoungPerson.ContactPreference.labels)


def _parse_row(
    line: int, header: list[str], cells: list[str], organisations: dict[str, Organisation]
) -> Row:
    row = Row(line=line, values={})
    if len(cells) > len(header):
        row.errors.append(("file", "This row has more values than the file has columns."))
    raw = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}
    for name in TEXT_COLUMNS:
        row.values[name] = raw.get(name, "")
    _parse_choice(
        row,
        "age_band",
        raw.get("age_band", ""),
        parse_age_band,
        "",
        "'{text}' is not an age band: use " + _BANDS + ".",
    )
    _parse_choice(
        row,
        "date_of_birth",
        raw.get("date_of_birth", ""),
        parse_date,
        None,
        "'{text}' is not a date: use YYYY-MM-DD or DD/MM/YYYY.",
    )
    _parse_organisation(row, raw.get("organisation", ""), organisations)
    _parse_choice(
        row,
        "contact_preference",
        raw.get("contact_preference", ""),
        lambda text: _CONTACT.get(text.lower()),
        YoungPerson.ContactPreference.VIA_WORKER,
        "'{text}' is not a contact preference: " + _CONTACT_OPTIONS + ".",
    )
    confirm_text = raw.get(CONFIRM_COLUMN, "").lower()
    if confirm_text in _YES:
        row.confirm_not_duplicate = True
    elif confirm_text not in _NO:
        row.errors.append((CONFIRM_COLUMN, "Write 'yes' or leave it empty."))
    return row
