"""Mail transports, chosen by configuration: ``outbox`` writes each message as an ``.eml`` file
(the embedded default, also handy in development), ``smtp`` sends through an SMTP server."""
from __future__ import annotations

import os
import smtplib
from email.message import EmailMessage
from email.utils import format_datetime

from marketplace.core.clock import utcnow
from marketplace.jobs.errors import TransientError


def build_message(sender: str, to: str, subject: str, text: str, html: str | None,
                  message_key: str) -> EmailMessage:
    """``message_key`` (the job id) fixes the Message-ID, so a message sent twice is one message
    to any mail system that de-duplicates."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message["Date"] = format_datetime(utcnow())
    domain = sender.rpartition("@")[2].strip("> ") or "localhost"
    message["Message-ID"] = f"<{message_key}@{domain}>"
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    return message


class OutboxBackend:
    def __init__(self, path: str):
        self.path = path

    def send(self, message: EmailMessage, key: str) -> None:
        # One file per job, replaced atomically: running the job twice leaves one message.
        os.makedirs(self.path, exist_ok=True)
        target = os.path.join(self.path, f"{key}.eml")
        with open(target + ".tmp", "wb") as file:
            file.write(message.as_bytes())
        os.replace(target + ".tmp", target)


class SmtpBackend:
    smtp_class = smtplib.SMTP

    def __init__(self, host: str, port: int, username: str | None, password: str | None, use_tls: bool):
        self.host, self.port, self.use_tls = host, port, use_tls
        self.username, self.password = username, password

    def send(self, message: EmailMessage, key: str) -> None:
        try:
            with self.smtp_class(self.host, self.port, timeout=30) as connection:
                if self.use_tls:
                    connection.starttls()
                if self.username:
                    connection.login(self.username, self.password or "")
                connection.send_message(message)
        except smtplib.SMTPRecipientsRefused:
            raise  # the address is refused: final, trying again would not help
        except smtplib.SMTPResponseException as error:
            # 4xx means "try later"; 5xx is final and fails the job.
            if 400 <= error.smtp_code < 500:
                raise TransientError(f"SMTP {error.smtp_code}: {error.smtp_error!r}") from error
            raise
        except OSError as error:  # unreachable, disconnected, timed out (SMTPException is an OSError)
            raise TransientError(f"SMTP server unreachable: {error}") from error


def backend_for(config) -> OutboxBackend | SmtpBackend:
    if config["MAIL_BACKEND"] == "smtp":
        return SmtpBackend(config["SMTP_HOST"], config["SMTP_PORT"], config["SMTP_USERNAME"],
                           config["SMTP_PASSWORD"], config["SMTP_USE_TLS"])
    return OutboxBackend(config["MAIL_OUTBOX_PATH"])
