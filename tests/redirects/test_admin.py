"""Administrators list, add and delete redirects at /staff/redirects; old site addresses are
served as 301s; everyone else is refused; bad input gets clear messages in Polish."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.audit import AuditEvent
from portal.extensions import db
from portal.redirects.models import Redirect

from .. import factories
from ..conftest import check_page, create_user, csrf_token, log_in
from ..content_helpers import confirm, edit_form, publish_changes


def add(client, old: str, target: str, status: int = 302):
    token = csrf_token(client, "/staff/redirects/new")
    response = client.post("/staff/redirects/new",
                           data={"old_path": old, "target_path": target, "csrf_token": token})
    assert response.status_code == status, response.status_code
    return response


def errors(response) -> dict[str, str]:
    """Each field's message, as the error summary links to it."""
    page = check_page(response, "pl")
    return {link["href"].lstrip("#"): link.get_text(" ", strip=True)
            for link in page.select(".error-summary a")}


def audit_actions(app) -> list[tuple[str, dict]]:
    with app.app_context():
        return [(e.action, e.details) for e in db.session.scalars(
            sa.select(AuditEvent).where(AuditEvent.action.like("redirect_%"))
            .order_by(AuditEvent.id))]


def test_admin_adds_a_redirect_of_an_old_site_address(app, client, staff):
    admin = staff("admin", name="Anna Admin")
    page = check_page(client.get("/staff/redirects/new"), "pl")
    assert page.one("h1").get_text() == "Dodaj przekierowanie"
    assert page.one("#old_path")["aria-describedby"] == "old_path-hint"

    response = add(client, "/aktualnosci/123.html", "/pl/news/")
    assert response.headers["Location"] == "/staff/redirects"
    listing = check_page(client.get(response.headers["Location"]), "pl")
    assert "Przekierowanie zostało dodane." in listing.text
    row = listing.one("tbody tr")
    assert row.select_one("th code").get_text() == "/aktualnosci/123.html"
    assert row.select_one("td a[href='/pl/news/']")
    assert "dodał(a): Anna Admin" in row.get_text()

    anonymous = app.test_client()
    for method in (anonymous.get, anonymous.head):
        moved = method("/aktualnosci/123.html")
        assert moved.status_code == 301 and moved.headers["Location"] == "/pl/news/"
    assert anonymous.get("/aktualnosci/124.html").status_code == 404
    assert anonymous.post("/aktualnosci/123.html").status_code == 404

    with app.app_context():
        stored = Redirect.from_path("/aktualnosci/123.html")
        assert (stored.user_id, stored.kind, stored.target_path) == (admin, None, "/pl/news/")
    assert audit_actions(app) == [
        ("redirect_add", {"old_path": "/aktualnosci/123.html", "to": "/pl/news/"})]
    log = check_page(client.get("/staff/audit?action=redirect_add"), "pl")
    assert "Dodano przekierowanie" in log.text and "/aktualnosci/123.html → /pl/news/" in log.text


def test_old_addresses_with_queries_and_polish_letters_match_as_browsers_send_them(
        app, client, staff):
    staff("admin")
    add(client, "/index.php?option=com_content&id=5", "/pl/news/?page=2")
    add(client, "/aktualności/o%20nas.html", "/pl/info/o-nas")
    anonymous = app.test_client()
    # The parameters in any order; the browser's percent-encoding of letters and spaces.
    moved = anonymous.get("/index.php?id=5&option=com_content")
    assert moved.status_code == 301 and moved.headers["Location"] == "/pl/news/?page=2"
    assert anonymous.get("/index.php?id=6&option=com_content").status_code == 404
    moved = anonymous.get("/aktualno%C5%9Bci/o%20nas.html")
    assert moved.status_code == 301 and moved.headers["Location"] == "/pl/info/o-nas"
    # A path redirected without a query is redirected whatever query it comes with.
    add(client, "/stara.html", "/pl/")
    assert anonymous.get("/stara.html?utm_source=x").headers["Location"] == "/pl/"


def test_an_unknown_slug_under_a_language_may_be_redirected_by_an_admin(app, client, staff):
    staff("admin")
    add(client, "/pl/news/stary-artykul", "/pl/news/")
    assert app.test_client().get("/pl/news/stary-artykul").headers["Location"] == "/pl/news/"


def test_admin_deletes_a_redirect_after_confirming(app, client, staff):
    staff("admin")
    add(client, "/aktualnosci/123.html", "/pl/news/")
    with app.app_context():
        redirect_id = Redirect.from_path("/aktualnosci/123.html").id
    listing = check_page(client.get("/staff/redirects"), "pl")
    link = listing.one("tbody a[href$='/delete']")
    assert link["href"] == f"/staff/redirects/{redirect_id}/delete"
    assert link.select_one(".visually-hidden").get_text() == ": /aktualnosci/123.html"

    confirm = check_page(client.get(link["href"]), "pl")
    assert confirm.one("h1").get_text() == "Usuwanie przekierowania"
    assert "/aktualnosci/123.html" in confirm.one(".facts").get_text()
    form = confirm.one("main form[method=post]")
    assert form.select_one("button").get_text() == "Usuń przekierowanie"
    assert confirm.one("main form a")["href"] == "/staff/redirects"
    with app.app_context():
        assert Redirect.from_path("/aktualnosci/123.html") is not None  # nothing yet

    token = form.select_one("input[name=csrf_token]")["value"]
    response = client.post(link["href"], data={"csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/staff/redirects"
    listing = check_page(client.get("/staff/redirects"), "pl")
    assert "Przekierowanie z /aktualnosci/123.html zostało usunięte." in listing.text
    assert "Nie ma jeszcze żadnych przekierowań." in listing.text
    assert app.test_client().get("/aktualnosci/123.html").status_code == 404
    assert [a for a, _d in audit_actions(app)] == ["redirect_add", "redirect_delete"]
    assert client.get(link["href"]).status_code == 404


def test_a_delete_without_its_token_deletes_nothing(app, client, staff):
    staff("admin")
    add(client, "/stara.html", "/pl/")
    with app.app_context():
        redirect_id = Redirect.from_path("/stara.html").id
    response = client.post(f"/staff/redirects/{redirect_id}/delete", data={})
    page = check_page(response, "pl")
    assert page.one(".error-summary")  # the page again, saying why; nothing deleted
    with app.app_context():
        assert db.session.get(Redirect, redirect_id) is not None


def test_the_list_shows_automatic_and_manual_redirects_and_where_they_lead(app, client, staff):
    staff("admin", name="Anna Admin")
    with app.app_context():
        festival = factories.article("Festyn rodzinny w parku")
    response = publish_changes(client, f"/staff/articles/{festival}", **{"pl-slug": "festyn-2026"})
    assert response.status_code == 302
    add(client, "/stara.html", "/pl/")

    page = check_page(client.get("/staff/redirects"), "pl")
    # The article is in Polish only: its English and Ukrainian addresses moved with it.
    assert page.one("caption").get_text(strip=True) == "4 przekierowania"
    rows = {row.select_one("th").get_text(strip=True): row for row in page.select("tbody tr")}
    assert set(rows) == {"/stara.html", "/pl/news/festyn-rodzinny-w-parku",
                         "/en/news/festyn-rodzinny-w-parku", "/uk/news/festyn-rodzinny-w-parku"}
    polish = rows["/pl/news/festyn-rodzinny-w-parku"]
    title = polish.select_one("td a")
    assert title.get_text() == "Festyn rodzinny w parku"
    assert title["href"] == f"/staff/articles/{festival}" and title["lang"] == "pl"
    assert "/pl/news/festyn-2026" in polish.get_text()
    assert "automatycznie, gdy adres zmienił(a): Anna Admin" in polish.get_text()
    assert polish.select_one("time")["datetime"]
    assert "/uk/news/festyn-2026" in rows["/uk/news/festyn-rodzinny-w-parku"].get_text()

    # Unpublished: the list says readers get "page not found" there.
    data = edit_form(client, f"/staff/articles/{festival}")
    data.update(action="unpublish")
    confirm(client, client.post(f"/staff/articles/{festival}", data=data))
    page = check_page(client.get("/staff/redirects"), "pl")
    assert "Obecnie niedostępne dla czytelników" in page.text


def test_the_list_is_paginated(app, client, staff):
    staff("admin")
    with app.app_context():
        db.session.add_all(Redirect(old_path=f"/stara/{n}.html", target_path="/pl/")
                           for n in range(55))
        db.session.commit()
    page = check_page(client.get("/staff/redirects"), "pl")
    assert len(page.select("tbody tr")) == 50
    older = page.one("a[rel=next]")["href"]
    assert len(check_page(client.get(older), "pl").select("tbody tr")) == 5


@pytest.mark.parametrize(("old", "target", "field", "message"), [
    ("", "", "old_path", "Wpisz stary adres."),
    ("", "", "target_path", "Wpisz adres w tym serwisie, na który ma prowadzić stary adres."),
    ("https://stara.mops.example.pl/aktualnosci/1.html", "/pl/", "old_path",
     "Wpisz tylko ścieżkę starego adresu, bez https:// i domeny, na przykład "
     "/aktualnosci/123.html."),
    ("aktualnosci/1.html", "/pl/", "old_path",
     "Adres musi zaczynać się od /, na przykład /aktualnosci/123.html."),
    ("/stara strona.html", "/pl/", "old_path",
     "Adres nie może zawierać spacji, podziałów wiersza ani ukośników wstecznych (\\). "
     "Skopiuj go z paska adresu przeglądarki."),
    ("/stara%0d%0a.html", "/pl/", "old_path",
     "Adres nie może zawierać spacji, podziałów wiersza ani ukośników wstecznych (\\). "
     "Skopiuj go z paska adresu przeglądarki."),
    ("/stara.html#gora", "/pl/", "old_path",
     "Pomiń znak # i wszystko, co po nim: przeglądarki nigdy nie wysyłają tej części adresu."),
    ("/" + "a" * 500, "/pl/", "old_path", "Stary adres może mieć najwyżej 500 znaków."),
    ("/pl/news/", "/pl/", "old_path",
     "Pod tym adresem jest teraz strona tego serwisu, więc nie może on prowadzić gdzie indziej."),
    ("/pl/news", "/pl/", "old_path",
     "Pod tym adresem jest teraz strona tego serwisu, więc nie może on prowadzić gdzie indziej."),
    ("/staff/cokolwiek", "/pl/", "old_path",
     "Pod tym adresem jest teraz strona tego serwisu, więc nie może on prowadzić gdzie indziej."),
    ("/stara.html", "https://evil.example/", "target_path",
     "Wpisz ścieżkę w tym serwisie, bez https:// i domeny, na przykład /pl/news/."),
    ("/stara.html", "//evil.example/", "target_path",
     "Wpisz ścieżkę w tym serwisie, bez https:// i domeny, na przykład /pl/news/."),
    ("/stara.html", "/\\evil.example/", "target_path",
     "Adres nie może zawierać spacji, podziałów wiersza ani ukośników wstecznych (\\). "
     "Skopiuj go z paska adresu przeglądarki."),
    ("/stara.html", "/" + "a" * 500, "target_path", "Nowy adres może mieć najwyżej 500 znaków."),
    ("/stara.html", "/stara.html?x=1", "target_path",
     "Nowy adres jest taki sam jak stary: przekierowanie prowadziłoby samo do siebie."),
    ("/stara.html?id=1&b=2", "/stara.html?b=2&id=1", "target_path",
     "Nowy adres jest taki sam jak stary: przekierowanie prowadziłoby samo do siebie."),
])
def test_bad_input_gets_a_clear_message_in_polish(app, client, staff, old, target, field,
                                                  message):
    staff("admin")
    response = add(client, old, target, status=200)
    assert errors(response)[field] == message
    page = check_page(response, "pl")
    assert page.one(f"#{field}")["aria-invalid"] == "true"
    # What was typed comes back to be corrected.
    assert page.one("#old_path").get("value", "") == old
    assert page.one("#target_path").get("value", "") == target
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Redirect)) == 0
    assert audit_actions(app) == []


def test_duplicates_and_loops_through_other_redirects_are_refused(app, client, staff):
    staff("admin")
    with app.app_context():
        published = factories.article("Festyn rodzinny w parku")
    add(client, "/a.html", "/b.html")
    add(client, "/b.html", "/c.html")
    assert errors(add(client, "/a.html", "/pl/", status=200)) == {"old_path": (
        "Z tego adresu jest już przekierowanie. Jeśli ma prowadzić gdzie indziej, najpierw je "
        "usuń.")}
    assert errors(add(client, "/c.html", "/a.html", status=200)) == {"target_path": (
        "Nowy adres prowadzi z powrotem do starego przez przekierowanie z /b.html: czytelnicy "
        "krążyliby w kółko.")}
    # An item's live address is its page, never a redirect's.
    assert errors(add(client, "/pl/news/festyn-rodzinny-w-parku", "/pl/", status=200)) == {
        "old_path": "Pod tym adresem jest teraz strona tego serwisu, więc nie może on prowadzić "
                    "gdzie indziej."}
    assert published


def test_only_administrators_see_the_link_in_the_staff_menu(app, client, staff):
    staff("editor")
    assert not check_page(client.get("/staff/"), "pl").select("a[href='/staff/redirects']")
    assert client.get("/staff/redirects").status_code == 403
    admin = app.test_client()
    create_user(app, "admin", email="admin@mops.example.pl")
    log_in(admin, "admin@mops.example.pl")
    nav = check_page(admin.get("/staff/redirects"), "pl").one(
        "nav.main-nav a[href='/staff/redirects']")
    assert nav["aria-current"] == "page" and nav.get_text() == "Przekierowania"
    page = check_page(admin.get("/staff/redirects/new"), "pl")
    assert page.one("nav.main-nav a[href='/staff/redirects']")["aria-current"] == "true"


@pytest.mark.parametrize("role", ["editor", "translator"])
def test_other_roles_are_refused_and_change_nothing(app, client, staff, role):
    with app.app_context():
        db.session.add(Redirect(old_path="/stara.html", target_path="/pl/"))
        db.session.commit()
    staff(role)
    token = csrf_token(client, "/staff/")
    assert client.get("/staff/redirects").status_code == 403
    assert client.get("/staff/redirects/new").status_code == 403
    assert client.post("/staff/redirects/new", data={
        "old_path": "/x.html", "target_path": "/pl/", "csrf_token": token}).status_code == 403
    assert client.post("/staff/redirects/1/delete", data={"csrf_token": token}).status_code == 403
    with app.app_context():
        assert [r.old_path for r in db.session.scalars(sa.select(Redirect))] == ["/stara.html"]
    assert audit_actions(app) == []
