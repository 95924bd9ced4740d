"""Outgoing mail: plain-text messages through an SMTP server, or into the log.

The server comes from the settings (``PORTAL_SMTP_HOST`` and the rest, see ``config.py``).
With no host (development, tests) a message is written to the ``portal.mail`` logger at INFO,
its text and links included, so a developer can follow a link from the log; tests read the
message itself from the log record's ``mail`` attribute.

A message for a server leaves on a thread of its own: the request that asked for it neither
waits for the server nor learns whether it answered, so a slow or failing server changes
nothing a visitor sees (and a page's timing cannot tell whether a mail was sent). A failure is
logged with the recipient, never raised.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import threading
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import Flask, current_app

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Server:
    """Where and how to hand mail over, read from the app's settings while in a request."""

    host: str
    port: int
    user: str
    password: str
    use_ssl: bool
    starttls: bool
    timeout: int

    @classmethod
    def from_config(cls, config) -> Server:
        return cls(
            host=config["MAIL_SMTP_HOST"],
            port=config["MAIL_SMTP_PORT"],
            user=config["MAIL_SMTP_USER"],
            password=config["MAIL_SMTP_PASSWORD"],
            use_ssl=config["MAIL_SMTP_SSL"],
            starttls=config["MAIL_SMTP_STARTTLS"],
            timeout=config["MAIL_SMTP_TIMEOUT"],
        )


def message(to: str, subject: str, body: str) -> EmailMessage:
    """A plain-text message from the portal's address (``PORTAL_MAIL_FROM``)."""
    sender = current_app.config["MAIL_FROM"]
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].strip("> ") or None)
    # Automatic mail: no out-of-office replies to it (RFC 3834).
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(body)
    return msg


def send(msg: EmailMessage) -> threading.Thread | None:
    """Send ``msg`` on its own thread (returned), or log it when no server is configured."""
    config = current_app.config
    if not config["MAIL_SMTP_HOST"]:
        log.info(
            "No SMTP server is configured (PORTAL_SMTP_HOST), so this mail was not sent.\n"
            "To: %s\nSubject: %s\n\n%s",
            msg["To"],
            msg["Subject"],
            msg.get_content(),
            extra={"mail": msg},
        )
        return None
    thread = threading.Thread(
        target=deliver_or_log, args=(Server.from_config(config), msg), name="portal-mail"
    )
    thread.start()
    return thread


def deliver(server: Server, msg: EmailMessage) -> None:
    """Hand ``msg`` to the server, now; raises what the connection raises."""
    context = ssl.create_default_context()
    if server.use_ssl:
        smtp = smtplib.SMTP_SSL(server.host, server.port, timeout=server.timeout, context=context)
    else:
        smtp = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
    with smtp:
        if server.starttls:
            smtp.starttls(context=context)
        if server.user:
            smtp.login(server.user, server.password)
        smtp.send_message(msg)


def deliver_or_log(server: Server, msg: EmailMessage) -> bool:
    """:func:`deliver`, with any failure logged instead of raised (True if it was sent)."""
    try:
        deliver(server, msg)
    except Exception:  # noqa: BLE001 - on its own thread: whatever failed must reach the log
        log.exception(
            "Mail to %s could not be sent through %s:%s", msg["To"], server.host, server.port
        )
        return False
    log.info("Mail sent to %s: %s", msg["To"], msg["Subject"])
    return True


def init_app(app: Flask) -> None:
    # This logger's records go up to the app's logger ("portal"), which Flask gives a handler
    # when nothing else does; INFO, so the messages of a server without SMTP are shown.
    app.logger  # noqa: B018 - creating it installs Flask's handler if none handles its level
    if log.level == logging.NOTSET:
        log.setLevel(logging.INFO)
