"""A task as the reviewer sees it, for the API and the task page alike: the subject's content
with links to its images and documents (private files through short-lived signed links), the
fields a revision changes, the submitter's record, the history."""
from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from marketplace.moderation import queue, services, subjects
from marketplace.storage import get_storage
from marketplace.storage.base import is_public


def file_url(key: str | None, link_seconds: int, filename: str | None = None) -> str | None:
    if not key:
        return None
    storage = get_storage()
    if is_public(key):
        return storage.public_url(key)
    return storage.signed_url(key, expires_in=link_seconds, filename=filename)


def subject_summary(subject, link_seconds: int) -> dict | None:
    if subject is None:
        return None
    if subject.kind == "listing":
        return {"kind": "listing", "id": subject.id, "shop_id": subject.shop_id, "status": subject.status,
                "content": subject.content, "live_content": subject.live_content,
                "prices": [price.as_json() for price in subject.prices],
                "prices_cny": [price.as_json() for price in subject.prices_cny],
                "images": [file_url(key, link_seconds) for key in subject.image_keys],
                "proof": file_url(subject.proof_key, link_seconds, "proof")}
    return {"kind": subject.kind, "id": subject.id, "applicant_id": subject.applicant_id,
            "status": subject.status, "fields": subject.fields,
            "documents": [{**asdict(document), "url": file_url(document.storage_key, link_seconds,
                                                               document.filename)}
                          for document in subject.documents]}


class TaskView:
    """A task plus what the page and the API show with it; reads fall through to the task."""

    def __init__(self, task, **extra):
        self.task = task
        self.__dict__.update(extra)

    def __getattr__(self, name):
        return getattr(self.task, name)


def task_detail(task, now: datetime, link_seconds: int) -> TaskView:
    """The task with everything needed to decide it (for ``TaskDetailSchema`` and the page)."""
    subject = queue.subject_of(task)
    changes = [{"field": name, "live": live, "proposed": proposed}
               for name, live, proposed in subjects.diff(subject)] if subject else []
    return TaskView(task, subject=subject_summary(subject, link_seconds), subject_object=subject,
                    changes=changes, submitter_history=queue.submitter_history(task),
                    history=queue.history(task), now_status=queue.status_of(task, now),
                    four_eyes=task.status != "decided" and services.needs_second_review(task))
