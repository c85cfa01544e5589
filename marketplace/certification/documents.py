"""The applicant's documents: checked by their content, stored as private files, replaced per
kind, and opened only through short-lived signed links."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l

from marketplace.audit import services as audit
from marketplace.certification.errors import InvalidDocument
from marketplace.certification.models import DOCUMENT_KINDS, ApplicationDocument, BuyerApplication
from marketplace.extensions import db
from marketplace.storage import get_storage
from marketplace.storage.tasks import delete_after_commit

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_FILENAME = 255
KEY_PREFIX = "private/applications"


@dataclass(frozen=True)
class Upload:
    """A checked file, not yet stored."""
    kind: str
    filename: str
    content_type: str
    extension: str
    data: bytes


def sniff(data: bytes) -> tuple[str, str] | None:
    """(content type, extension) read from the file's first bytes; the name and the type the
    browser claims are the sender's word, so they are never trusted."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", "webp"
    if data.startswith(b"%PDF-"):
        return "application/pdf", "pdf"
    return None


def check_kind(kind) -> str:
    if kind not in DOCUMENT_KINDS:
        raise InvalidDocument("kind", _l("Choose one of: %(kinds)s.", kinds=", ".join(DOCUMENT_KINDS)))
    return kind


def clean_filename(filename: str | None, extension: str) -> str:
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = "".join(character for character in name if ord(character) >= 32)
    return name[-MAX_FILENAME:] or f"document.{extension}"


def check_upload(kind, filename: str | None, data: bytes | None, field: str = "file") -> Upload:
    """``data`` must hold at most ``MAX_DOCUMENT_BYTES + 1`` bytes read from the upload, so an
    oversized file is recognised without reading it whole."""
    kind = check_kind(kind)
    if data is None:
        raise InvalidDocument(field, _l("Choose a file to upload."))
    if not data:
        raise InvalidDocument(field, _l("The file is empty."))
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InvalidDocument(field, _l("The file is larger than %(megabytes)d MB.",
                                        megabytes=MAX_DOCUMENT_BYTES // (1024 * 1024)))
    found = sniff(data)
    if found is None:
        raise InvalidDocument(field, _l("Upload a JPEG, PNG or WebP photo or a PDF."))
    content_type, extension = found
    return Upload(kind, clean_filename(filename, extension), content_type, extension, data)


def document_state(document: ApplicationDocument) -> dict:
    return {"kind": document.kind, "filename": document.filename, "content_type": document.content_type,
            "size": document.size, "sha256": document.sha256}


def store(actor, application: BuyerApplication, upload: Upload, *, now: datetime) -> ApplicationDocument:
    """Store the file privately and record it; a document of the same kind is replaced.

    The replaced file is removed by a job that runs only once this unit of work commits: a
    rolled-back replacement keeps the old file, and an identity document nobody will review
    again is not kept (the audit log keeps its name, size and digest)."""
    key = f"{KEY_PREFIX}/{application.id}/{upload.kind}-{secrets.token_hex(12)}.{upload.extension}"
    get_storage().put(key, upload.data, upload.content_type)
    old = application.document(upload.kind)
    before = document_state(old) if old is not None else None
    if old is not None:
        delete_after_commit([old.storage_key])
        application.documents.remove(old)
        db.session.flush()
    document = ApplicationDocument(kind=upload.kind, storage_key=key, filename=upload.filename,
                                   content_type=upload.content_type, size=len(upload.data),
                                   sha256=hashlib.sha256(upload.data).hexdigest(), uploaded_at=now)
    application.documents.append(document)
    db.session.flush()
    audit.record(actor, "buyer_application.document_uploaded", "buyer_application", application.id,
                 before=before, after=document_state(document), now=now)
    return document


@dataclass(frozen=True)
class DocumentLink:
    document: ApplicationDocument
    url: str
    expires_at: datetime

    def __getattr__(self, name):
        return getattr(self.document, name)


def links(application: BuyerApplication, *, expires_in: int, now: datetime) -> list[DocumentLink]:
    """A signed link per document, good for ``expires_in`` seconds; the download keeps the
    applicant's file name."""
    storage = get_storage()
    return [DocumentLink(document, storage.signed_url(document.storage_key, expires_in=expires_in,
                                                      filename=document.filename),
                         now + timedelta(seconds=expires_in))
            for document in application.documents]
