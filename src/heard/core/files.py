"""A stored file, sent after Heard's permission check: the one way every download leaves Heard.

Files (evidence, receipts, resources, generated reports and exports) are kept through Django's
storage API: on local disk by default, in S3-compatible object storage when ``STORAGE_BUCKET``
is set (``heard.config.parts.storage``). A view first checks, as it always has, that the user
may see the record (its selector raises 404 otherwise), and only then calls
:func:`stored_file_response`:

- A storage that signs its links (S3 with ``querystring_auth``) is answered with a 302 to a
  link signed for ``STORAGE_LINK_SECONDS`` (60 by default), which asks the object store to send
  the file as an attachment under Heard's name for it (never the stored name, which can carry
  an upload's name). The bucket is private: without a fresh signature nothing is served, so a
  link copied from a browser's history is useless a minute later.
- Any other storage (local disk) is streamed by Heard itself, as before (``FileResponse``).

Both are never cached and never sniffed. API representations link to Heard's own download
pages (``reverse(...)``), never to the bucket, so the permission check is never skipped.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.storage import Storage, default_storage
from django.http import FileResponse, HttpResponseBase, HttpResponseRedirect
from django.utils.http import content_disposition_header

#: How long a signed link works unless ``STORAGE_LINK_SECONDS`` says otherwise.
LINK_SECONDS = 60


def link_seconds() -> int:
    return int(getattr(settings, "STORAGE_LINK_SECONDS", LINK_SECONDS))


def signs_links(storage: Storage) -> bool:
    """Whether ``storage`` serves files by signed links of its own (S3 with query-string auth)."""
    return bool(getattr(storage, "querystring_auth", False)) and hasattr(storage, "bucket_name")


def _private(response: HttpResponseBase) -> HttpResponseBase:
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def signed_link(storage: Storage, name: str, filename: str, content_type: str | None) -> str:
    """A link to ``name`` in ``storage`` that works for ``link_seconds()`` and downloads the file
    as ``filename``."""
    parameters = {"ResponseContentDisposition": content_disposition_header(True, filename)}
    if content_type:
        parameters["ResponseContentType"] = content_type
    url: str = storage.url(  # type: ignore[call-arg]
        name, parameters=parameters, expire=link_seconds()
    )
    return url


def stored_file_response(
    file: Any, filename: str, content_type: str | None = None
) -> HttpResponseBase:
    """The download of a stored file, named ``filename``: call it only after the permission check.

    ``file`` is a ``FieldFile`` (a model's file field) or the name of a file in the default
    storage (a job's result saved through ``default_storage``).
    """
    if isinstance(file, str):
        storage, name = default_storage, file
    else:
        storage, name = file.storage, file.name
    if signs_links(storage):
        return _private(HttpResponseRedirect(signed_link(storage, name, filename, content_type)))
    handle = storage.open(name, "rb")
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    return _private(response)
