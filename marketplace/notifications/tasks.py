"""Notification jobs."""
from __future__ import annotations

from flask import current_app

from marketplace.jobs.registry import task
from marketplace.notifications.mail import backend_for, build_message


@task("notifications.send_email", queue="mail", retries=5)
def send_email_task(job, to: str, subject: str, body_text: str, body_html: str | None = None) -> dict:
    message = build_message(current_app.config["MAIL_FROM"], to, subject, body_text, body_html, job.job_id)
    backend_for(current_app.config).send(message, job.job_id)
    return {"to": to}
