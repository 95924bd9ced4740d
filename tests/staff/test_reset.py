"""Forgotten passwords: a link by mail, the same answer for every address, limits and audit."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from portal import config as settings
from portal import mail
from portal.audit import AuditEvent
from portal.extensions import db
from portal.staff.models import User

from ..conftest import check_page, create_user, csrf_token, log_in

NEW_PASSWORD = "a brand new passphrase"


def ask(client, email: str, **kwargs):
    token = csrf_token(client, "/staff/forgot-password")
    return client.post(
        "/staff/forgot-password", data={"email": email, "csrf_token": token}, **kwargs
    )


def link_path(message) -> str:
    """The set-password address in a mail's text."""
    for line in message.get_content().splitlines():
        if "/staff/set-password/" in line:
            return line.strip().split("localhost", 1)[1]
    raise AssertionError("no link in the mail")


def set_password(client, path: str, password: str = NEW_PASSWORD):
    token = csrf_token(client, path)
    return client.post(
        path, data={"password": password, "confirm": password, "csrf_token": token}
    )


def reset_events(app) -> list[AuditEvent]:
    with app.app_context():
        events = db.session.scalars(
            sa.select(AuditEvent)
            .where(AuditEvent.action == "password_reset_request")
            .order_by(AuditEvent.id)
        ).all()
        db.session.expunge_all()
        return list(events)


def test_forgotten_password_flow(app, client, outbox):
    ewa = create_user(app, "editor", email="ewa@mops.example.pl", name="Ewa Nowak", language="en")
    login = check_page(client.get("/staff/login", headers={"Accept-Language": "pl"}), "pl")
    forgot = login.one("main a[href='/staff/forgot-password']")
    assert forgot.get_text() == "Nie pamiętasz hasła?"

    page = check_page(client.get("/staff/forgot-password"), "pl")
    assert page.one("h1").get_text() == "Nie pamiętasz hasła?"
    assert page.one("#email")["autocomplete"] == "username"

    response = ask(client, " Ewa@MOPS.example.pl ")
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/forgot-password/sent"
    sent = check_page(client.get("/staff/forgot-password/sent"), "pl")
    assert sent.one("h1").get_text() == "Sprawdź pocztę e-mail"
    assert "Jeśli ewa@mops.example.pl to adres aktywnego konta" in sent.text
    assert "Link działa jednorazowo przez 1 godzinę." in sent.text

    # One plain-text mail, in Ewa's language (not the page's), saying when and what to ignore.
    [message] = outbox()
    assert message["To"] == "ewa@mops.example.pl"
    assert message["Subject"] == (
        "A new password for the staff pages of Municipal Social Welfare Centre"
    )
    assert message.get_content_type() == "text/plain"
    assert message["Auto-Submitted"] == "auto-generated"
    text = message.get_content()
    assert text.startswith("Hello Ewa Nowak,")
    assert "They asked on " in text
    assert "The link works once, within 1 hour." in text
    assert "If you did not ask for a new password, ignore this message" in text
    assert "127.0.0.1" not in text  # the time, not the address
    [event] = reset_events(app)
    assert (event.user_id, event.target_id, event.details["sent"]) == (None, ewa, True)

    # The link leads to the set-password page, works once, and the new password logs in.
    path = link_path(message)
    visitor = app.test_client()
    page = check_page(visitor.get(path), "pl")
    assert page.response.headers["Referrer-Policy"] == "no-referrer"
    done = set_password(visitor, path)
    assert done.status_code == 302 and done.headers["Location"] == "/staff/login"
    check_page(visitor.get(path), "pl", status=404)
    assert log_in(visitor, "ewa@mops.example.pl").status_code == 200  # the old one is gone
    assert log_in(visitor, "ewa@mops.example.pl", NEW_PASSWORD).status_code == 302
    assert check_page(visitor.get("/staff/"), "en")


def test_the_mail_speaks_the_users_language(app, client, outbox):
    create_user(app, "translator", email="olena@mops.example.pl", name="Olena", language="uk")
    create_user(app, "editor", email="jan@mops.example.pl", name="Jan", language="pl")
    ask(client, "olena@mops.example.pl", headers={"Accept-Language": "en"})
    ask(client, "jan@mops.example.pl", headers={"Accept-Language": "en"})
    olena, jan = outbox()
    assert olena.get_content().startswith("Добрий день, Olena!")
    assert "Посилання діє один раз протягом 1 години." in olena.get_content()
    assert olena["Subject"].startswith("Новий пароль до панелі працівників")
    assert jan.get_content().startswith("Dzień dobry, Jan,")
    assert "zignoruj tę wiadomość" in jan.get_content()


def test_unknown_and_deactivated_addresses_get_the_same_answer_and_no_mail(app, outbox):
    create_user(app, "editor", email="ewa@mops.example.pl")
    gone = create_user(app, "editor", email="gone@mops.example.pl", active=False)
    pages = {}
    for email in ("ewa@mops.example.pl", "nobody@mops.example.pl", "gone@mops.example.pl"):
        visitor = app.test_client()
        response = ask(visitor, email)
        assert (response.status_code, response.headers["Location"]) == (
            302,
            "/staff/forgot-password/sent",
        )
        page = check_page(visitor.get(response.headers["Location"]), "pl")
        pages[email] = page.one("main").get_text().replace(email, "EMAIL")
    assert len(set(pages.values())) == 1
    assert [m["To"] for m in outbox()] == ["ewa@mops.example.pl"]
    # Every request is in the audit log, with what was asked for and whether a mail went out.
    events = reset_events(app)
    assert [(e.target_id, e.details) for e in events[1:]] == [
        (None, {"email": "nobody@mops.example.pl", "sent": False}),
        (gone, {"email": "gone@mops.example.pl", "sent": False}),
    ]


def test_an_invited_user_who_lost_the_link_can_ask_for_one(app, client, outbox):
    create_user(app, "editor", email="new@mops.example.pl", password="")
    with app.app_context():
        user = User.by_email("new@mops.example.pl")
        user.password_hash = ""
        db.session.commit()
    ask(client, "new@mops.example.pl")
    path = link_path(outbox()[0])
    assert set_password(app.test_client(), path).status_code == 302
    assert log_in(app.test_client(), "new@mops.example.pl", NEW_PASSWORD).status_code == 302


def test_an_expired_link_is_refused_and_offers_a_new_one(app, client, outbox):
    create_user(app, "editor", email="ewa@mops.example.pl")
    ask(client, "ewa@mops.example.pl")
    path = link_path(outbox()[0])
    # The invitation links' week does not apply: a mailed link has its own, shorter life.
    app.config["STAFF_RESET_LINK_MAX_AGE"] = -1
    page = check_page(client.get(path), "pl", status=404)
    assert page.one("h1").get_text() == "Tego linku nie można użyć"
    assert page.one("main a[href='/staff/forgot-password']").get_text() == "Poproś o nowy link"
    visitor = app.test_client()
    token = csrf_token(visitor, "/staff/login")
    data = {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD, "csrf_token": token}
    assert visitor.post(path, data=data).status_code == 404
    app.config["STAFF_RESET_LINK_MAX_AGE"] = 3600
    assert check_page(client.get(path), "pl")


def test_asking_logs_nobody_out_and_voids_no_link(app, client, staff, outbox):
    staff("editor", email="ewa@mops.example.pl")
    visitor = app.test_client()
    ask(visitor, "ewa@mops.example.pl")
    ask(visitor, "ewa@mops.example.pl")
    assert client.get("/staff/").status_code == 200  # still logged in
    first, second = (link_path(m) for m in outbox())
    assert check_page(visitor.get(first), "pl") and check_page(visitor.get(second), "pl")
    # Using one voids the other, and ends every session.
    assert set_password(visitor, second).status_code == 302
    check_page(visitor.get(first), "pl", status=404)
    assert client.get("/staff/").status_code == 302


def test_a_logged_in_user_is_sent_to_change_their_password(app, client, staff):
    staff("editor")
    response = client.get("/staff/forgot-password")
    assert response.headers["Location"] == "/staff/account/password"


def test_the_form_says_what_is_wrong(app, client, outbox):
    page = check_page(ask(client, ""), "pl")
    assert page.one(".error-summary a[href='#email']").get_text() == (
        "Wpisz adres e-mail swojego konta w panelu pracowników."
    )
    page = check_page(ask(client, "not an address"), "pl")
    assert page.select(".error-summary a[href='#email']")
    assert page.one("#email")["value"] == "not an address"
    assert outbox() == [] and reset_events(app) == []


def test_requests_are_limited_per_email_address(app, client, outbox):
    create_user(app, "editor", email="ewa@mops.example.pl")
    for _ in range(3):
        assert ask(client, "ewa@mops.example.pl").status_code == 302
    blocked = check_page(ask(client, "EWA@mops.example.pl"), "pl", status=429)
    assert blocked.one("h1").get_text() == "Zbyt wiele prób"
    assert "zbyt wiele próśb o nowe hasło" in blocked.text.lower()
    # An unknown address is limited the same way, so the limit tells nothing either.
    for _ in range(3):
        assert ask(client, "nobody@mops.example.pl").status_code == 302
    assert ask(client, "nobody@mops.example.pl").status_code == 429
    assert len(outbox()) == 3
    # Forms with errors do not count, and logging in is not affected.
    assert ask(app.test_client(), "").status_code == 200
    assert log_in(app.test_client(), "ewa@mops.example.pl").status_code == 302


def test_requests_are_limited_per_client_address(app, client):
    for n in range(10):
        assert ask(client, f"nobody{n}@mops.example.pl").status_code == 302
    assert ask(client, "someone@mops.example.pl").status_code == 429
    other = app.test_client()
    token = csrf_token(other, "/staff/forgot-password")
    response = other.post(
        "/staff/forgot-password",
        data={"email": "someone@mops.example.pl", "csrf_token": token},
        environ_base={"REMOTE_ADDR": "192.0.2.7"},
    )
    assert response.status_code == 302


def test_a_stale_form_keeps_the_address_and_sends_nothing(app, client, outbox):
    create_user(app, "editor", email="ewa@mops.example.pl")
    response = client.post("/staff/forgot-password", data={"email": "ewa@mops.example.pl"})
    page = check_page(response, "pl")
    assert "link nie został wysłany" in page.one(".error-summary").get_text()
    assert page.one("#email")["value"] == "ewa@mops.example.pl"
    assert outbox() == []


def test_the_audit_log_shows_the_requests(app, client, staff):
    create_user(app, "editor", email="ewa@mops.example.pl", name="Ewa Nowak")
    visitor = app.test_client()
    ask(visitor, "ewa@mops.example.pl")
    ask(visitor, "nobody@mops.example.pl")
    staff("admin", email="admin@mops.example.pl", language="en")
    page = check_page(client.get("/staff/audit?action=password_reset_request"), "en")
    rows = [" ".join(row.get_text(" ").split()) for row in page.select("tbody tr")]
    assert len(rows) == 2
    assert "nobody logged in Asked for a new password by email" in rows[0]
    assert "nobody@mops.example.pl (no mail sent: no active account)" in rows[0]
    assert "Ewa Nowak" in rows[1] and "no mail sent" not in rows[1]


# --- Sending through an SMTP server ------------------------------------------------------------


class FakeSMTP:
    """Stands in for smtplib.SMTP: records what the portal asks of the server."""

    sent: list = []
    calls: list = []
    release: threading.Event | None = None
    fail: Exception | None = None

    def __init__(self, host, port, timeout=None, **kwargs):
        self.calls.append(("connect", host, port, timeout, type(self).__name__))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.calls.append(("quit",))

    def starttls(self, context=None):
        self.calls.append(("starttls", context is not None))

    def login(self, user, password):
        self.calls.append(("login", user, password))

    def send_message(self, msg):
        if self.release is not None:
            assert self.release.wait(5)
        if self.fail is not None:
            raise self.fail
        self.sent.append(msg)


@pytest.fixture
def smtp(app, monkeypatch):
    class Server(FakeSMTP):
        sent, calls = [], []

    class ServerSSL(Server):
        pass

    monkeypatch.setattr(mail.smtplib, "SMTP", Server)
    monkeypatch.setattr(mail.smtplib, "SMTP_SSL", ServerSSL)
    app.config.update(
        MAIL_SMTP_HOST="smtp.example.pl",
        MAIL_SMTP_PORT=587,
        MAIL_SMTP_USER="portal",
        MAIL_SMTP_PASSWORD="smtp secret",
        MAIL_FROM="MOPS <noreply@mops.example.pl>",
    )
    return Server


def wait_for_mail() -> None:
    for thread in threading.enumerate():
        if thread.name == "portal-mail":
            thread.join(5)


def test_mail_goes_through_the_smtp_server_without_the_page_waiting(app, client, smtp, outbox):
    create_user(app, "editor", email="ewa@mops.example.pl", language="en")
    smtp.release = threading.Event()
    try:
        response = ask(client, "ewa@mops.example.pl")
        # The answer came while the server still had the message.
        assert response.status_code == 302 and smtp.sent == []
    finally:
        smtp.release.set()
    wait_for_mail()
    [message] = smtp.sent
    assert message["From"] == "MOPS <noreply@mops.example.pl>"
    assert message["To"] == "ewa@mops.example.pl"
    assert message["Message-ID"].endswith("@mops.example.pl>")
    assert "/staff/set-password/" in message.get_content()
    assert smtp.calls == [
        ("connect", "smtp.example.pl", 587, 30, "Server"),
        ("starttls", True),
        ("login", "portal", "smtp secret"),
        ("quit",),
    ]
    assert outbox() == []  # sent, so not written to the log


def test_a_failing_smtp_server_is_logged_and_the_visitor_sees_the_same_page(
    app, client, smtp, caplog
):
    create_user(app, "editor", email="ewa@mops.example.pl")
    smtp.fail = ConnectionRefusedError("connection refused")
    response = ask(client, "ewa@mops.example.pl")
    wait_for_mail()
    assert response.status_code == 302
    check_page(client.get(response.headers["Location"]), "pl")
    [failure] = [r for r in caplog.records if r.name == "portal.mail" and r.levelname == "ERROR"]
    assert "ewa@mops.example.pl" in failure.getMessage()
    assert "smtp.example.pl:587" in failure.getMessage()


def test_smtps_and_no_login(app, smtp):
    app.config.update(MAIL_SMTP_SSL=True, MAIL_SMTP_STARTTLS=False, MAIL_SMTP_PORT=465,
                      MAIL_SMTP_USER="")
    with app.test_request_context():
        msg = mail.message("ewa@mops.example.pl", "Test", "Treść: zażółć gęślą jaźń")
        assert mail.deliver_or_log(mail.Server.from_config(app.config), msg)
    assert smtp.calls == [("connect", "smtp.example.pl", 465, 30, "ServerSSL"), ("quit",)]
    assert smtp.sent[0].get_content().strip() == "Treść: zażółć gęślą jaźń"


# --- Settings ----------------------------------------------------------------------------------


def test_mail_settings_from_the_environment(tmp_path, monkeypatch):
    for name in ("PORTAL_SMTP_SSL", "PORTAL_SMTP_STARTTLS", "PORTAL_SMTP_PORT",
                 "PORTAL_SMTP_PASSWORD", "PORTAL_SMTP_HOST"):
        monkeypatch.delenv(name, raising=False)
    config = settings.load(tmp_path)
    assert (config["MAIL_SMTP_HOST"], config["MAIL_SMTP_STARTTLS"], config["MAIL_SMTP_PORT"]) == (
        "",
        True,
        587,
    )
    assert config["MAIL_SMTP_PASSWORD"] == ""

    (tmp_path / "smtp_password").write_text("from the file\n")
    monkeypatch.setenv("PORTAL_SMTP_SSL", "yes")
    config = settings.load(tmp_path)
    assert (config["MAIL_SMTP_SSL"], config["MAIL_SMTP_STARTTLS"], config["MAIL_SMTP_PORT"]) == (
        True,
        False,
        465,
    )
    assert config["MAIL_SMTP_PASSWORD"] == "from the file"
    monkeypatch.setenv("PORTAL_SMTP_PASSWORD", "from the environment")
    assert settings.load(tmp_path)["MAIL_SMTP_PASSWORD"] == "from the environment"

    monkeypatch.setenv("PORTAL_SMTP_STARTTLS", "1")
    with pytest.raises(RuntimeError, match="not both"):
        settings.load(tmp_path)
    monkeypatch.setenv("PORTAL_SMTP_STARTTLS", "maybe")
    with pytest.raises(RuntimeError, match="yes/no"):
        settings.load(tmp_path)


def test_production_refuses_mail_without_trusted_hosts():
    config = {"PORTAL_ENV": "production", "SECRET_KEY": "k" * 40, "MAIL_SMTP_HOST": "smtp"}
    with pytest.raises(RuntimeError, match="TRUSTED_HOSTS"):
        settings.check_production({**config, "TRUSTED_HOSTS": None}, debug=False)
    from ..operations.test_check_deploy import GOOD

    settings.check_production({**GOOD, **config, "TRUSTED_HOSTS": ["mops.example.pl"]},
                              debug=False)
