"""Evidence files for a view: the type is read from the file's first bytes, not trusted from its
name, and files are stored under MEDIA_ROOT with a random name (served only by a checked view)."""

from __future__ import annotations

import io
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from heard.core.permissions import require
from heard.core.updates import record_created
from heard.voice.events import EVIDENCE_ATTACHED
from heard.voice.models import Evidence, View

EVIDENCE_AUDITED = ("view", "kind", "content_type", "size", "description")
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class FileType:
    content_type: str
    kind: str
    extensions: tuple[str, ...]


ALLOWED_TYPES: dict[str, FileType] = {
    "image/jpeg": FileType("image/jpeg", Evidence.Kind.IMAGE, (".jpg", ".jpeg")),
    "image/png": FileType("image/png", Evidence.Kind.IMAGE, (".png",)),
    "audio/mpeg": FileType("audio/mpeg", Evidence.Kind.AUDIO, (".mp3",)),
    "audio/mp4": FileType("audio/mp4", Evidence.Kind.AUDIO, (".m4a", ".mp4")),
    "audio/wav": FileType("audio/wav", Evidence.Kind.AUDIO, (".wav",)),
    "application/pdf": FileType("application/pdf", Evidence.Kind.DOCUMENT, (".pdf",)),
    DOCX: FileType(DOCX, Evidence.Kind.DOCUMENT, (".docx",)),
}
ALLOWED_DESCRIPTION = (
    "a photo (JPEG or PNG), a recording (MP3, M4A or WAV), a PDF or a Word document"
)


def _is_docx(file: Any) -> bool:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        file.seek(0)
    return "word/document.xml" in names and "[Content_Types].xml" in names


def sniff_content_type(file: Any) -> str | None:
    """The allowed type of the content, from its first bytes; None when it is none of them."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if isinstance(head, str):
        return None
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    if head[4:8] == b"ftyp":
        return "audio/mp4"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "audio/mpeg"
    if head.startswith(b"PK\x03\x04") and _is_docx(file):
        return DOCX
    return None


def _measure(file: Any) -> int:
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, io.SEEK_END)
        size = file.tell()
        file.seek(0)
    return int(size)


def _check_file(file: Any, size: int, extension: str, errors: dict[str, Any]) -> FileType | None:
    """What the file really is (from its first bytes), if it is small enough and an allowed type
    whose name says so."""
    if not size:
        errors["file"] = _("The file is empty: choose the file again.")
        return None
    if size > MAX_EVIDENCE_BYTES:
        errors["file"] = _("The file is %(size)s MB: it must be 10 MB or smaller.") % {
            "size": format(size / 1024 / 1024, ".1f")
        }
        return None
    file_type = ALLOWED_TYPES.get(sniff_content_type(file) or "")
    if file_type is None:
        errors["file"] = _("The file must be %(allowed_description)s.") % {
            "allowed_description": ALLOWED_DESCRIPTION
        }
    elif extension not in file_type.extensions:
        errors["file"] = _(
            "The file's name ends %(extension)s, but its content is %(content_type)s: "
            "rename it to end %(extensions)s."
        ) % {
            "extension": extension or "without an extension",
            "content_type": file_type.content_type,
            "extensions": file_type.extensions[0],
        }
    return file_type


@transaction.atomic
def evidence_attach(
    *, actor: Any, view: View, file: UploadedFile, description: str = ""
) -> Evidence:
    """Attach a file to a view, after checking what it really is and how big it is."""
    require(actor, "voice.change_view", view)
    if file is None or not hasattr(file, "read"):
        raise ValidationError({"file": _("Choose a file to upload.")})
    errors: dict[str, Any] = {}
    size = _measure(file)
    name = PurePath(getattr(file, "name", "") or "").name
    extension = PurePath(name.lower()).suffix
    file_type = _check_file(file, size, extension, errors)
    if description and len(description) > 200:
        errors["description"] = _("Keep the description to 200 characters or fewer.")
    if errors:
        raise ValidationError(errors)
    assert file_type is not None  # noqa: S101 - checked above
    file.name = f"{uuid.uuid4().hex}{extension}"
    evidence = Evidence(
        view=view,
        kind=file_type.kind,
        file=file,
        content_type=file_type.content_type,
        size=size,
        description=(description or "").strip(),
        uploaded_by=actor,
    )
    evidence.full_clean(exclude=["uploaded_by", "file"])
    evidence.save()
    record_created(
        evidence,
        actor=actor,
        event=EVIDENCE_ATTACHED,
        fields=EVIDENCE_AUDITED,
        metadata={"original_name": name},
    )
    return evidence
