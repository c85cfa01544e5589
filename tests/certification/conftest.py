"""Helpers for buyer certification tests: categories to source, document files, an applicant
with a complete draft, and the review queue's final decision (simulated through its service)."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from marketplace.audit.models import AuditEvent
from marketplace.catalog.models import Category
from marketplace.certification.models import ApplicationDocument, BuyerApplication
from marketplace.extensions import db
from marketplace.moderation.models import ReviewTask
from marketplace.storage.local import LocalStorage

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x11" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x22" * 64
WEBP = b"RIFF\x40\x00\x00\x00WEBPVP8 " + b"\x33" * 64
PDF = b"%PDF-1.7\n" + b"\x44" * 64
ENGLISH = {"Accept-Language": "en"}
KINDS = ("identity", "residence", "sourcing")


def application_body(**changes) -> dict:
    body = {"legal_name": "Mei Tanaka", "country": "JP", "city": "Osaka", "categories": ["beauty"],
            "bio": "I shop in Osaka department stores every week."}
    body.update(changes)
    return body


@pytest.fixture(autouse=True)
def categories(app):
    with app.app_context():
        db.session.add_all([Category(slug="beauty", name_zh="美妆", name_en="Beauty"),
                            Category(slug="baby", name_zh="母婴", name_en="Mother & baby")])
        db.session.commit()


@pytest.fixture
def applicant(make):
    return make.user(name="Mei")


@pytest.fixture
def applicant_api(api, applicant):
    return api(applicant)


@pytest.fixture
def reviewer(make):
    return make.reviewer()


def upload(client, application_id: int, kind: str | None, data: bytes | None = JPEG,
           filename: str = "scan.jpg", **kwargs):
    form = {}
    if kind is not None:
        form["kind"] = kind
    if data is not None:
        form["file"] = (io.BytesIO(data), filename)
    return client.post(f"/api/v1/buyer-applications/{application_id}/documents", data=form,
                       content_type="multipart/form-data", **kwargs)


def draft(client, **changes) -> int:
    response = client.post("/api/v1/buyer-applications", json=application_body(**changes))
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def complete_draft(client, **changes) -> int:
    application_id = draft(client, **changes)
    for kind, data in zip(KINDS, (JPEG, PDF, PNG), strict=True):
        assert upload(client, application_id, kind, data).status_code == 201
    return application_id


def submitted(client, **changes) -> int:
    application_id = complete_draft(client, **changes)
    assert client.post(f"/api/v1/buyer-applications/{application_id}/submit").status_code == 200
    return application_id


@pytest.fixture
def decide(make, reviewer):
    """``decide(application_id, "approve", reasons, note)``: the review queue's final decision."""
    return lambda application_id, decision, reasons=(), note=None: make.final_decision(
        "buyer_application", application_id, decision, reviewer=reviewer, reasons=reasons, note=note)


@pytest.fixture
def rows(app):
    """``rows()``: how many applications, documents, review tasks and audit events exist now."""

    def count() -> dict:
        with app.app_context():
            return {model.__name__: db.session.scalar(select(func.count()).select_from(model))
                    for model in (BuyerApplication, ApplicationDocument, ReviewTask, AuditEvent)}

    return count


@pytest.fixture(autouse=True)
def storage_root(app, monkeypatch, tmp_path):
    """A file storage of this test's own: rolled-back tests reuse ids, files would not roll back."""
    root = tmp_path / "files"
    monkeypatch.setitem(app.extensions, "storage", LocalStorage(str(root), app.config["SECRET_KEY"]))
    return root


@pytest.fixture
def stored(storage_root):
    """``stored()``: every key in the file storage now."""

    def keys() -> set[str]:
        return {path.relative_to(storage_root).as_posix() for path in storage_root.rglob("*")
                if path.is_file() and not path.name.startswith(".")}

    return keys
