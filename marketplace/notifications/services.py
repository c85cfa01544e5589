"""Sending e-mail: render it in the recipient's language now, send it in a job after commit."""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, render_template
from flask_babel import force_locale
from jinja2 import TemplateNotFound

from marketplace.jobs.services import enqueue


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str | None


def send_email(to: str, subject: str, body_text: str, body_html: str | None = None, *, owner=None):
    """Queue one e-mail; nothing is sent unless the current transaction commits."""
    return enqueue("notifications.send_email", to, subject, body_text, body_html, owner=owner)


def render_email(template: str, locale: str | None, **context) -> RenderedEmail:
    """Render ``email/<template>.subject.txt``, ``.txt`` and (optional) ``.html`` in ``locale``
    (the recipient's, not the current request's)."""
    locale = locale or current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        context["locale"] = locale
        subject = " ".join(render_template(f"email/{template}.subject.txt", **context).split())
        text = render_template(f"email/{template}.txt", **context)
        try:
            html = render_template(f"email/{template}.html", **context)
        except TemplateNotFound:
            html = None
    return RenderedEmail(subject, text, html)


def notify(user, template: str, **context):
    """E-mail ``user`` in their own language; returns the job record."""
    email = render_email(template, user.locale, user=user, **context)
    return send_email(user.email, email.subject, email.text, email.html, owner=user)
