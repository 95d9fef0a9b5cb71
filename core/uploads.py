"""Uploaded documents: which types are accepted, the bytes each type begins with, the size cap, and random storage
names. A document is served only through a scoped view as an attachment (never from MEDIA_ROOT, never by its media
URL), so the name it was uploaded under stays in the database and the file on disk tells nothing."""

from __future__ import annotations

import os
import uuid
from typing import Any, Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

#: documents the product accepts: PDF, pictures, Word and Excel
DOCUMENT_EXTENSIONS = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".xls", ".xlsx"})

#: how each accepted type begins (its "magic number"): PDF "%PDF-", JPEG FF D8 FF, PNG's 8-byte signature, the
#: old Word/Excel compound file D0 CF 11 E0 A1 B1 1A E1, and .docx/.xlsx as a zip archive "PK\x03\x04"
DOCUMENT_SIGNATURES = {
    ".pdf": b"%PDF-",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".png": b"\x89PNG\r\n\x1a\n",
    ".doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    ".xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    ".docx": b"PK\x03\x04",
    ".xlsx": b"PK\x03\x04",
}
HEAD_BYTES = 8


class Upload(Protocol):
    name: str
    size: int

    def seek(self, offset: int) -> Any: ...

    def read(self, size: int) -> bytes: ...


def max_bytes() -> int:
    """The size cap of one upload (settings.UPLOAD_MAX_BYTES, 10 MB by default)."""
    return int(settings.UPLOAD_MAX_BYTES)


def name_problem(name: str, size: int) -> str | None:
    """Why a document of this name and size is refused, or None."""
    ext = os.path.splitext(name or "")[1].lower()
    if ext not in DOCUMENT_EXTENSIONS:
        return _("不支持的文件类型 {value}，仅限 PDF、图片、Word、Excel").format(
            value=ext or _("（无扩展名）")
        )
    if size > max_bytes():
        return _("文件超过 {value} MB").format(value=max_bytes() // (1024 * 1024))
    if size == 0:
        return _("文件为空")
    return None


def content_problem(name: str, head: bytes) -> str | None:
    """Why a document whose first bytes are `head` is refused although its name is acceptable: the content is not
    the type its extension claims (an HTML or SVG page renamed .pdf would run script wherever it is opened)."""
    ext = os.path.splitext(name or "")[1].lower()
    signature = DOCUMENT_SIGNATURES.get(ext)
    if signature is not None and not head.startswith(signature):
        return _("文件内容与扩展名 {value} 不符").format(value=ext)
    return None


def head_of(upload: Upload) -> bytes:
    """The first bytes of an upload (its type's signature), the file left at its start for storing."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return head


def document_problem(upload: Upload) -> str | None:
    """Why an uploaded document is refused: type by name, size, then the content against the type it claims."""
    return name_problem(upload.name, upload.size) or content_problem(upload.name, head_of(upload))


@deconstructible
class RandomName:
    """`upload_to` that stores a file under `<folder>/<year>/<random hex><extension>`: the uploaded name (which may
    name a person or run as a page) is never part of the path."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance: Any, filename: str) -> str:
        ext = os.path.splitext(filename)[1].lower()
        return f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}{ext}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder
