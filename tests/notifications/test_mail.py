"""E-mail: rendered in the recipient's language, sent by a job after commit, through the outbox
folder (the embedded default) or SMTP (here a fake ``smtplib.SMTP`` class, injected)."""
from __future__ import annotations

import os
import smtplib
from email import message_from_bytes, policy

import pytest
from flask_babel import get_locale

from marketplace.extensions import db
from marketplace.jobs import runner
from marketplace.jobs.errors import TransientError
from marketplace.jobs.models import JobRecord
from marketplace.notifications import mail
from marketplace.notifications.services import notify, render_email, send_email


def outbox(app) -> list[str]:
    path = app.config["MAIL_OUTBOX_PATH"]
    return sorted(os.listdir(path)) if os.path.isdir(path) else []


def read_message(app, job_id: str):
    with open(os.path.join(app.config["MAIL_OUTBOX_PATH"], f"{job_id}.eml"), "rb") as file:
        return message_from_bytes(file.read(), policy=policy.default)


def fresh(job_id: str) -> JobRecord:
    return db.session.get(JobRecord, job_id, populate_existing=True)


@pytest.fixture
def empty_outbox(app):
    for name in outbox(app):
        os.remove(os.path.join(app.config["MAIL_OUTBOX_PATH"], name))


def test_an_email_is_written_to_the_outbox_after_commit(app, ctx, empty_outbox):
    record = send_email("ann@example.com", "Your order 你好", "Plain text 中文", "<p>HTML</p>")
    assert outbox(app) == []
    db.session.commit()
    assert outbox(app) == [f"{record.id}.eml"]
    message = read_message(app, record.id)
    assert (message["From"], message["To"], message["Subject"]) == (
        "Haigou <no-reply@haigou.example>", "ann@example.com", "Your order 你好")
    assert message["Message-ID"] == f"<{record.id}@haigou.example>"
    assert message.get_body(("plain",)).get_content().strip() == "Plain text 中文"
    assert message.get_body(("html",)).get_content().strip() == "<p>HTML</p>"
    assert (fresh(record.id).status, fresh(record.id).queue) == ("finished", "mail")


def test_no_email_for_a_rolled_back_change(app, ctx, empty_outbox):
    send_email("ann@example.com", "Never", "Never sent")
    db.session.rollback()
    db.session.commit()
    assert outbox(app) == []
    assert db.session.query(JobRecord).count() == 0


def test_sending_twice_leaves_one_message(app, ctx, empty_outbox):
    record = send_email("ann@example.com", "Once", "Only once")
    db.session.commit()
    assert runner.execute(record.id, inline=True) is None  # a second delivery of the job
    message = mail.build_message("a@haigou.example", "ann@example.com", "Once", "Only once", None, record.id)
    mail.OutboxBackend(app.config["MAIL_OUTBOX_PATH"]).send(message, record.id)
    assert outbox(app) == [f"{record.id}.eml"]


def test_render_email_uses_the_recipients_language_not_the_requests(app, make):
    user = make.user(name="Ann", locale="en")
    with app.test_request_context("/api/v1/me", headers={"Accept-Language": "zh-CN"}):
        request_locale = str(get_locale())
        english = render_email("welcome", "en", user=user)
        chinese = render_email("welcome", "zh_CN", user=user)
        assert str(get_locale()) == request_locale != "en"
    assert english.subject == "Welcome to Haigou"
    assert english.text.startswith("Hello Ann,\n")
    assert '<html lang="en">' in english.html and "Hello Ann," in english.html
    assert '<html lang="zh-CN">' in chinese.html and "Ann" in chinese.text


def test_render_email_works_outside_a_request_and_defaults_to_chinese(app, ctx, make):
    rendered = render_email("welcome", None, user=make.user(name="Bo"))
    assert '<html lang="zh-CN">' in rendered.html and "\n" not in rendered.subject


def test_notify_mails_the_user_in_their_language_and_owns_the_job(app, ctx, make, empty_outbox):
    user = make.user(name="Ann", locale="en")
    record = notify(user, "welcome")
    db.session.commit()
    assert (record.owner_id, record.args[0], record.args[1]) == (user.id, user.email, "Welcome to Haigou")
    assert read_message(app, record.id)["To"] == user.email


class FakeSMTP:
    """Stands in for ``smtplib.SMTP``: records the conversation; ``failure`` is raised on send."""
    sessions: list[FakeSMTP] = []
    failure: Exception | None = None

    def __init__(self, host, port, timeout):
        self.address, self.calls = (host, port), []
        FakeSMTP.sessions.append(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.calls.append("quit")

    def starttls(self):
        self.calls.append("starttls")

    def login(self, username, password):
        self.calls.append(("login", username, password))

    def send_message(self, message):
        if FakeSMTP.failure is not None:
            raise FakeSMTP.failure
        self.calls.append(("send", message["To"], message["Subject"]))


@pytest.fixture
def smtp(app, monkeypatch):
    monkeypatch.setattr(mail.SmtpBackend, "smtp_class", FakeSMTP)
    monkeypatch.setattr(FakeSMTP, "sessions", [])
    monkeypatch.setattr(FakeSMTP, "failure", None)
    for key, value in {"MAIL_BACKEND": "smtp", "SMTP_HOST": "smtp.example", "SMTP_PORT": 2525,
                       "SMTP_USERNAME": "haigou", "SMTP_PASSWORD": "s3cret", "SMTP_USE_TLS": True}.items():
        monkeypatch.setitem(app.config, key, value)
    return FakeSMTP


def test_smtp_sends_with_tls_and_login(app, ctx, smtp, empty_outbox):
    record = send_email("ann@example.com", "Hello", "Text")
    db.session.commit()
    assert [(s.address, s.calls) for s in smtp.sessions] == [(("smtp.example", 2525), [
        "starttls", ("login", "haigou", "s3cret"), ("send", "ann@example.com", "Hello"), "quit"])]
    assert fresh(record.id).status == "finished" and outbox(app) == []


def test_a_temporary_smtp_refusal_is_retried_later(ctx, smtp):
    smtp.failure = smtplib.SMTPDataError(451, b"try again later")
    record = send_email("ann@example.com", "Hello", "Text")
    db.session.commit()
    stored = fresh(record.id)
    assert (stored.status, stored.attempts, stored.dispatched_at) == ("queued", 1, None)
    assert stored.error == "TransientError: SMTP 451: b'try again later'"


def test_a_permanent_smtp_refusal_fails_the_job(ctx, smtp):
    smtp.failure = smtplib.SMTPDataError(550, b"mailbox unavailable")
    record = send_email("ann@example.com", "Hello", "Text")
    db.session.commit()
    assert (fresh(record.id).status, fresh(record.id).attempts) == ("failed", 1)


@pytest.mark.parametrize("failure", [ConnectionRefusedError(111, "refused"), TimeoutError("timed out"),
                                     smtplib.SMTPServerDisconnected("gone")])
def test_an_unreachable_smtp_server_is_a_transient_failure(failure, smtp):
    smtp.failure = failure
    message = mail.build_message("a@haigou.example", "ann@example.com", "S", "T", None, "k" * 32)
    backend = mail.SmtpBackend("smtp.example", 25, None, None, use_tls=False)
    with pytest.raises(TransientError):
        backend.send(message, "k" * 32)
    assert smtp.sessions[0].calls == ["quit"]  # no TLS, no login when not configured


def test_the_backend_follows_the_configuration():
    outbox_config = {"MAIL_BACKEND": "outbox", "MAIL_OUTBOX_PATH": "/srv/mail"}
    assert isinstance(mail.backend_for(outbox_config), mail.OutboxBackend)
    smtp_config = {"MAIL_BACKEND": "smtp", "SMTP_HOST": "h", "SMTP_PORT": 25, "SMTP_USERNAME": None,
                   "SMTP_PASSWORD": None, "SMTP_USE_TLS": False}
    assert isinstance(mail.backend_for(smtp_config), mail.SmtpBackend)
