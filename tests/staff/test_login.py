"""Staff log in and out; the staff side is closed to everyone else."""

from __future__ import annotations

from ..conftest import check_page, create_user, csrf_token, log_in


def test_staff_pages_need_login(client):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/login?next=")


def test_login_page_is_a_proper_page(client):
    page = check_page(client.get("/staff/login", headers={"Accept-Language": "pl"}), "pl")
    assert page.one("h1").get_text() == "Zaloguj się"


def test_login_and_logout(app, client):
    create_user(app, "editor", email="ewa@mops.example.pl", name="Ewa Nowak")
    response = log_in(client, "Ewa@MOPS.example.pl ")
    assert response.status_code == 302 and response.headers["Location"] == "/staff/"
    dashboard = check_page(client.get("/staff/"), "pl")
    assert "Ewa Nowak" in dashboard.text
    assert "no-store" in client.get("/staff/").headers["Cache-Control"]

    token = csrf_token(client, "/staff/")
    assert client.post("/staff/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/staff/").status_code == 302


def test_wrong_password_and_unknown_email_get_the_same_answer(app, client):
    create_user(app, "editor", email="ewa@mops.example.pl")
    wrong = log_in(client, "ewa@mops.example.pl", "not the password")
    unknown = log_in(client, "nobody@mops.example.pl", "not the password")
    message = "Adres e-mail lub hasło są nieprawidłowe."
    assert message in wrong.get_data(as_text=True)
    assert message in unknown.get_data(as_text=True)
    assert wrong.status_code == unknown.status_code == 200


def test_logout_ends_a_copied_session(app, client):
    create_user(app, "editor", email="ewa@mops.example.pl")
    log_in(client, "ewa@mops.example.pl")
    copied = client.get_cookie("session").value
    token = csrf_token(client, "/staff/")
    client.post("/staff/logout", data={"csrf_token": token})
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get("/staff/").status_code == 302


def test_login_without_csrf_token_is_refused(app, client):
    create_user(app, "editor", email="ewa@mops.example.pl")
    response = client.post(
        "/staff/login",
        data={"email": "ewa@mops.example.pl", "password": "correct horse battery staple"},
    )
    assert response.status_code in (200, 400)
    assert client.get("/staff/").status_code == 302


def test_login_starts_a_fresh_session(app, client):
    create_user(app, "editor", email="ewa@mops.example.pl")
    client.get("/staff/login")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    assert log_in(client, "ewa@mops.example.pl").status_code == 302
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"].endswith(":1")


def test_the_login_page_offers_the_staff_languages(app, client):
    page = check_page(client.get("/staff/login", headers={"Accept-Language": "pl"}), "pl")
    links = page.select("nav.languages a")
    assert [(a["lang"], a["hreflang"], a.get_text()) for a in links] == [
        ("pl", "pl", "Polski"),
        ("en", "en", "English"),
        ("uk", "uk", "Українська"),
    ]
    assert page.one("nav.languages")["aria-label"] == "Język"
    assert [a.get("aria-current") for a in links] == ["page", None, None]
    assert links[1]["href"] == "/language/en?next=/staff/login"

    # Choosing English: remembered in the language cookie, back on the login page, in English.
    response = client.get(links[1]["href"])
    assert response.status_code == 303 and response.headers["Location"] == "/staff/login"
    page = check_page(client.get("/staff/login", headers={"Accept-Language": "pl"}), "en")
    assert page.one("h1").get_text() == "Log in"
    current = page.one("nav.languages a[aria-current]")
    assert (current["lang"], current.get_text()) == ("en", "English")
    assert current["href"] == "/staff/login"
    assert page.one("nav.languages")["aria-label"] == "Language"
    # The forgotten-password pages follow the same choice.
    page = check_page(client.get("/staff/forgot-password"), "en")
    assert page.one("h1").get_text() == "Forgot your password?"
    assert page.one("nav.languages a[lang=uk]")["href"] == (
        "/language/uk?next=/staff/forgot-password"
    )


def test_the_language_links_keep_where_the_login_leads(app, client):
    page = check_page(client.get("/staff/login?next=/staff/users"), "pl")
    link = page.one("nav.languages a[lang=uk]")["href"]
    assert link == "/language/uk?next=/staff/login?next%3D/staff/users"
    response = client.get(link)
    assert response.headers["Location"] == "/staff/login?next=/staff/users"
    assert check_page(client.get(response.headers["Location"]), "uk")


def test_logged_in_staff_get_their_accounts_language_not_the_links(app, client):
    create_user(app, "editor", email="ewa@mops.example.pl", language="uk")
    client.get("/language/en?next=/staff/login")
    log_in(client, "ewa@mops.example.pl")
    page = check_page(client.get("/staff/"), "uk")
    assert not page.select("nav.languages")
