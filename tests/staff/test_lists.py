"""Staff lists page, search and sort in SQL: the dashboard (and trash), users, the audit log.

A page of a list costs the same number of SQL statements however many items there are: the
query counter below is an SQLAlchemy event listener on the engine.
"""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from portal.content import utcnow
from portal.extensions import db

from .. import factories
from ..conftest import check_page, counting_statements, create_user

KINDS = ("article", "award", "page")


def make_items(app, count: int, start: int = 0) -> None:
    """``count`` items, the three kinds in turn, each changed a minute after the one before."""
    with app.app_context():
        for n in range(start, start + count):
            kind = KINDS[n % 3]
            fields = {"awarded_on": date(2024, 1, 1)} if kind == "award" else {}
            texts = {"pl": {"title": f"Pozycja {n:03d}"}}
            if n % 2:
                texts["en"] = {"title": f"Item {n:03d}"}
            factories.make(kind, texts, published=utcnow() if n % 4 else None, **fields)



def titles(page) -> list[str]:
    return [a.get_text() for a in page.select("tbody th a")]


def test_the_dashboard_shows_one_page_at_a_time_and_keeps_filters_on_its_links(app, client,
                                                                              staff):
    app.config["STAFF_PER_PAGE"] = 10
    staff("editor", language="en")
    make_items(app, 25)
    page = check_page(client.get("/staff/"), "en")
    # Newest change first, ten to a page; the count is of every item, not of the page.
    assert titles(page) == [f"Pozycja {n:03d}" for n in range(24, 14, -1)]
    assert "25 items" in page.one("p.count").get_text()
    assert "page 1 of 3" in page.one("p.count").get_text()
    last = page.select("nav.pagination a")[-1]
    assert last.get_text() == "Next page" and "page=2" in last["href"]
    page = check_page(client.get("/staff/?page=3"), "en")
    assert titles(page) == [f"Pozycja {n:03d}" for n in range(4, -1, -1)]

    # A filter, a search and a sort are kept on every page link.
    page = check_page(client.get("/staff/?kind=article&q=POZYCJA+0&sort=title"), "en")
    articles = [f"Pozycja {n:03d}" for n in range(0, 25, 3)]
    assert titles(page) == articles
    assert "9 items" in page.one("p.count").get_text()
    page = check_page(client.get("/staff/?kind=article&sort=-title"), "en")
    assert titles(page) == articles[::-1]
    # Page links keep every argument.
    page = check_page(client.get("/staff/?status=published&sort=title"), "en")
    links = [a["href"] for a in page.select("nav.pagination a")]
    assert links and all("status=published" in href and "sort=title" in href for href in links)


def test_column_headings_sort_as_links_with_aria_sort(app, client, staff):
    staff("editor", language="en")
    make_items(app, 4)
    page = check_page(client.get("/staff/?sort=title&kind=page"), "en")
    sorted_by = page.select("thead th[aria-sort]")
    assert [(th.get_text(strip=True), th["aria-sort"]) for th in sorted_by] == [
        ("Title▲", "ascending")]
    title_link = page.one("thead th[aria-sort] a")["href"]
    assert "sort=-title" in title_link and "kind=page" in title_link
    status_link = next(a["href"] for a in page.select("thead th a") if a.get_text() == "Status")
    assert "sort=status" in status_link
    # The other way round when followed; an unknown sort is the default one, not an error.
    page = check_page(client.get(title_link), "en")
    assert page.one("thead th[aria-sort]")["aria-sort"] == "descending"
    page = check_page(client.get("/staff/?sort=-nonsense"), "en")
    assert page.one("thead th[aria-sort]").get_text(strip=True) == "Last change▼"


def test_status_sorts_in_the_order_of_an_items_life(app, client, staff):
    staff("editor", language="en")
    make_items(app, 4)  # 000 a draft, the others published
    with app.app_context():
        from portal.news.models import Article
        article = db.session.scalar(sa.select(Article).order_by(Article.id.desc()))
        factories.update(article, published_at=utcnow() + timedelta(days=2))  # 003: scheduled
    page = check_page(client.get("/staff/?sort=status"), "en")
    states = [span.get_text() for span in page.select("tbody td span.status")]
    assert states == ["Draft", "Scheduled", "Published", "Published"]


def test_search_finds_polish_letters_whatever_their_case(app, client, staff):
    staff("editor", language="en")
    with app.app_context():
        factories.make("page", {"pl": {"title": "ŁÓDŹ: Świadczenia"}})
        factories.make("page", {"pl": {"title": "Inne 100%"}})
        factories.make("page", {"pl": {"title": "Inne 1000"}})
    assert titles(check_page(client.get("/staff/?q=łódź"), "en")) == ["ŁÓDŹ: Świadczenia"]
    assert titles(check_page(client.get("/staff/?q=ŚWIADCZENIA"), "en")) == ["ŁÓDŹ: Świadczenia"]
    # What the search is for LIKE (% and _) is searched for as it is.
    assert titles(check_page(client.get("/staff/?q=100%25"), "en")) == ["Inne 100%"]


def test_a_page_of_the_dashboard_costs_the_same_statements_for_3_or_30_items(app, client, staff):
    app.config["STAFF_PER_PAGE"] = 10
    staff("admin", language="en")
    client.get("/staff/")  # the first request's own costs (the session, the user) out of the way
    make_items(app, 3)
    with counting_statements(app) as few:
        assert client.get("/staff/").status_code == 200
    make_items(app, 27, start=3)
    with counting_statements(app) as many:
        page = check_page(client.get("/staff/"), "en")
    assert len(titles(page)) == 10
    assert len(few) == len(many), (few, many)
    # The trash too.
    with app.app_context():
        from portal.pages.models import Page
        for row in db.session.scalars(sa.select(Page).order_by(Page.id).limit(2)).all():
            factories.update(row, deleted_at=utcnow())
    with counting_statements(app) as trash_few:
        client.get("/staff/?status=trash")
    with app.app_context():
        for row in db.session.scalars(sa.select(Page).order_by(Page.id).offset(2)).all():
            factories.update(row, deleted_at=utcnow())
    with counting_statements(app) as trash_many:
        assert len(titles(check_page(client.get("/staff/?status=trash"), "en"))) == 10
    assert len(trash_few) == len(trash_many)


def test_the_users_list_is_searched_sorted_and_paged(app, client, staff):
    app.config["STAFF_PER_PAGE"] = 10
    staff("admin", language="en", name="Anna Admin")
    for n in range(14):
        create_user(app, "translator" if n % 2 else "editor", email=f"u{n:02d}@mops.example.pl",
                    name=f"Użytkownik {n:02d}")
    page = check_page(client.get("/staff/users"), "en")
    names = [a.get_text() for a in page.select("tbody th a")]
    assert names == ["Anna Admin"] + [f"Użytkownik {n:02d}" for n in range(9)]
    assert "15 accounts" in page.one("caption").get_text()
    page = check_page(client.get("/staff/users?page=2"), "en")
    assert len(page.select("tbody tr")) == 5
    page = check_page(client.get("/staff/users?q=U03%40MOPS"), "en")
    assert [a.get_text() for a in page.select("tbody th a")] == ["Użytkownik 03"]
    page = check_page(client.get("/staff/users?sort=-name"), "en")
    assert page.select("tbody th a")[0].get_text() == "Użytkownik 13"
    assert page.one("thead th[aria-sort]")["aria-sort"] == "descending"
    page = check_page(client.get("/staff/users?sort=role&q=użytkownik"), "en")
    roles = [tr.select("td")[1].get_text() for tr in page.select("tbody tr")]
    assert roles == ["Editor"] * 7 + ["Translator"] * 3


def test_the_audit_log_is_searched_and_sorted_oldest_first_on_request(app, client, staff):
    staff("admin", language="en")
    create_user(app, "editor", email="ewa@mops.example.pl", name="Ewa")
    from ..conftest import log_in
    log_in(app.test_client(), "nobody@mops.example.pl", "wrong password")
    log_in(app.test_client(), "ewa@mops.example.pl")
    page = check_page(client.get("/staff/audit?q=nobody@"), "en")
    assert len(page.select("tbody tr")) == 1
    assert "Failed login" in page.one("tbody tr").get_text()
    page = check_page(client.get("/staff/audit?q=ewa"), "en")
    assert [tr.select("td")[2].get_text() for tr in page.select("tbody tr")] == ["Logged in"]
    oldest = check_page(client.get("/staff/audit?sort=at"), "en")
    newest = check_page(client.get("/staff/audit"), "en")
    assert [tr.get_text() for tr in oldest.select("tbody tr")] == [
        tr.get_text() for tr in newest.select("tbody tr")][::-1]
    assert oldest.one("thead th[aria-sort]")["aria-sort"] == "ascending"


def test_the_redirects_list_is_searched_and_sorted(app, client, staff):
    from portal.redirects.models import Redirect

    staff("admin", language="en")
    with app.app_context():
        for path in ("/b-stary.html", "/a-stary.html", "/c-inny.html"):
            db.session.add(Redirect(old_path=path, target_path="/pl/"))
        db.session.commit()
    page = check_page(client.get("/staff/redirects?q=STARY"), "en")
    assert sorted(c.get_text() for c in page.select("tbody th code.path")) == [
        "/a-stary.html", "/b-stary.html"]
    page = check_page(client.get("/staff/redirects?sort=old"), "en")
    assert [c.get_text() for c in page.select("tbody th code.path")] == [
        "/a-stary.html", "/b-stary.html", "/c-inny.html"]
    page = check_page(client.get("/staff/redirects?q=nothing"), "en")
    assert "No redirect matches this search." in page.text


def test_the_media_library_is_searched_sorted_each_way_and_paged(app, client, staff):
    from datetime import UTC, datetime

    from portal.documents.models import MediaFile

    from ..documents.samples import attach_pdf, pdf
    from ..search.conftest import add_photo

    staff("editor", language="en")
    with app.app_context():
        article = factories.article("Festyn rodzinny")
        page = factories.make("page", {"pl": {"title": "Pomoc"}})
        attach_pdf("article", article, "b-wniosek.pdf", {"pl": "Wniosek o zasiłek"}, pdf("Krotki"))
        long = pdf("Regulamin osrodka pomocy spolecznej " * 8)
        attach_pdf("article", article, "a-regulamin.pdf", {"pl": "Regulamin"}, long)
        attach_pdf("page", page, "a-regulamin.pdf", {"pl": "Regulamin ośrodka"}, long)
        add_photo(article, pl={"alt": "Dzieci na festynie", "caption": "ŁÓDŹ, czerwiec"})
        db.session.add(MediaFile(type="image", key=f"k{article}", name="a-zdjecie.jpg",
                                 format="webp", mime="image/webp", size=100))
        db.session.commit()
        for day, name in enumerate(("b-wniosek.pdf", "a-regulamin.pdf", "a-zdjecie.jpg"), 1):
            db.session.execute(sa.update(MediaFile).where(MediaFile.name == name).values(
                created_at=datetime(2024, 1, day, tzinfo=UTC)))
        db.session.commit()
        names = {row.id: row.name for row in db.session.scalars(sa.select(MediaFile))}

    def listed(url: str) -> list[str]:
        found = check_page(client.get(url), "en")
        return [names[int(tr["id"].removeprefix("file-"))] for tr in found.select("tbody tr")]

    wniosek, regulamin, zdjecie = "b-wniosek.pdf", "a-regulamin.pdf", "a-zdjecie.jpg"
    # Newest upload first, by default; each column both ways.
    assert listed("/staff/media") == [zdjecie, regulamin, wniosek]
    assert listed("/staff/media?sort=uploaded") == [wniosek, regulamin, zdjecie]
    assert listed("/staff/media?sort=name") == [regulamin, zdjecie, wniosek]
    assert listed("/staff/media?sort=-name") == [wniosek, zdjecie, regulamin]
    assert listed("/staff/media?sort=type") == [regulamin, wniosek, zdjecie]
    assert listed("/staff/media?sort=-type") == [zdjecie, wniosek, regulamin]
    assert listed("/staff/media?sort=size") == [zdjecie, wniosek, regulamin]
    assert listed("/staff/media?sort=-size") == [regulamin, wniosek, zdjecie]
    # Uses: the regulations twice (an article and a page), the others once (ties by upload).
    assert listed("/staff/media?sort=uses") == [wniosek, zdjecie, regulamin]
    assert listed("/staff/media?sort=-uses") == [regulamin, zdjecie, wniosek]
    assert listed("/staff/media?sort=nonsense") == [zdjecie, regulamin, wniosek]

    # The headings are links with aria-sort, keeping the type filter and the search.
    found = check_page(client.get("/staff/media?type=document&q=a-&sort=size"), "en")
    assert [(th.get_text(strip=True), th["aria-sort"])
            for th in found.select("thead th[aria-sort]")] == [("Size▲", "ascending")]
    links = [a["href"] for a in found.select("thead th a.sort-link")]
    assert links and all("type=document" in href and "q=a-" in href for href in links)
    assert "sort=-size" in found.one("thead th[aria-sort] a")["href"]
    assert found.one("input[name=sort]")["value"] == "size"

    # Found by file name, a document's title in any language, a photo's alt text or caption,
    # whatever the letter case; the type filter kept.
    assert listed("/staff/media?q=ZASIŁEK") == [wniosek]
    assert listed("/staff/media?q=ośrodka") == [regulamin]
    assert listed("/staff/media?q=łódź") == [zdjecie]
    assert listed("/staff/media?q=festynie") == [zdjecie]
    assert listed("/staff/media?q=a-&type=document") == [regulamin]
    assert listed("/staff/media?q=a-&type=image") == [zdjecie]
    assert "No file matches this search." in check_page(
        client.get("/staff/media?q=nic-takiego"), "en").text

    # Pages, with the sort and the filter on their links.
    app.config["STAFF_PER_PAGE"] = 2
    assert listed("/staff/media?sort=name&page=2") == [wniosek]
    app.config["STAFF_PER_PAGE"] = 1
    found = check_page(client.get("/staff/media?sort=-size&type=document"), "en")
    pages = [a["href"] for a in found.select(".pagination a")]
    assert pages and all("sort=-size" in href and "type=document" in href for href in pages)
