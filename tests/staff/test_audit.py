"""The audit log page: every login and user change, filterable, paginated, in Warsaw time."""

from __future__ import annotations

from datetime import UTC, datetime

from portal.audit import AuditEvent
from portal.extensions import db
from portal.staff.models import User

from ..conftest import check_page, create_user, log_in


def test_audit_log_lists_logins_and_user_changes(app, client, staff):
    admin = staff("admin", language="en", name="Anna Admin")
    log_in(app.test_client(), "nobody@mops.example.pl", "wrong password")
    with app.app_context():
        db.session.add(
            AuditEvent(
                action="user_role",
                user_id=admin,
                target_type="users",
                target_id=admin,
                details={"old": "editor", "new": "admin"},
                at=datetime(2026, 7, 1, 10, 30, tzinfo=UTC),  # 12:30 in Warsaw (summer time)
            )
        )
        db.session.commit()
    page = check_page(client.get("/staff/audit"), "en")
    assert page.one("h1").get_text() == "Audit log"
    rows = [" ".join(r.get_text(" ").split()) for r in page.select("tbody tr")]
    assert any("Logged in" in r and "Anna Admin" in r for r in rows)
    assert any("Failed login" in r and "nobody@mops.example.pl" in r for r in rows)
    role_row = next(r for r in page.select("tbody tr") if "Changed a user's role" in r.text)
    assert "Editor → Administrator" in role_row.get_text()
    time = role_row.select_one("time")
    assert time["datetime"] == "2026-07-01T12:30:00+02:00"
    assert "12:30" in time.get_text()


def test_audit_log_filters_by_action_and_user(app, client, staff):
    staff("admin", language="en")
    ewa = create_user(app, "editor", email="ewa@mops.example.pl", name="Ewa")
    log_in(app.test_client(), "ewa@mops.example.pl")
    page = check_page(client.get("/staff/audit?action=login"), "en")
    assert len(page.select("tbody tr")) == 2
    assert page.one("#action option[selected]")["value"] == "login"
    page = check_page(client.get(f"/staff/audit?action=login&user={ewa}"), "en")
    assert len(page.select("tbody tr")) == 1
    page = check_page(client.get("/staff/audit?action=delete"), "en")
    assert "No events match these filters." in page.text
    # Nonsense filters are ignored, not an error.
    check_page(client.get("/staff/audit?action=%3Cscript%3E&user=abc"), "en")


def test_audit_log_is_paginated_and_keeps_filters(app, client, staff):
    admin = staff("admin", language="en")
    with app.app_context():
        user = db.session.get(User, admin)
        db.session.add_all(AuditEvent(action="publish", user=user) for _ in range(60))
        db.session.commit()
    page = check_page(client.get("/staff/audit?action=publish"), "en")
    assert len(page.select("tbody tr")) == 50
    older = page.one("a[rel=next]")["href"]
    assert "action=publish" in older and "page=2" in older
    page = check_page(client.get(older), "en")
    assert len(page.select("tbody tr")) == 10


def test_audit_log_in_polish(app, client, staff):
    staff("admin")
    page = check_page(client.get("/staff/audit"), "pl")
    assert page.one("h1").get_text() == "Dziennik zdarzeń"
