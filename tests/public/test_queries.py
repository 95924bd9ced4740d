"""How the readers' pages reach the database: a bounded number of SQL statements per page type,
and the lists and lookups through indexes (SQLite's query plans name them)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.demo import CERTIFICATE_SLUG
from portal.extensions import db
from portal.kinds import kind_named

from ..conftest import check_page, counting_statements, make_app

EN_CERTIFICATE = "friendly-office-quality-certificate"
POLISH_ONLY = "dzien-pracownika-socjalnego-w-naszym-osrodku"

# Page type → (address, statements at most). Counted on the demo content with no cache, on
# SQLite (which adds its "BEGIN") and PostgreSQL; the site's goal is 10 for any readers' page.
# {photo} and {document} are filled in from the demo content. Each page may send one statement
# more (VERSION_CHECK): every half second a process reads the content version the page cache
# and Last-Modified follow (portal/page_cache.py), on whichever request comes then.
VERSION_CHECK = 1
LIMITS = {
    "home": ("/pl/", 6),
    "news list": ("/pl/news/", 5),
    "news list, a later page": ("/en/news/?page=2", 5),
    "article in Polish": (f"/pl/news/{CERTIFICATE_SLUG}", 6),
    "article in English": (f"/en/news/{EN_CERTIFICATE}", 6),
    "article not translated (Polish shown)": (f"/uk/news/{POLISH_ONLY}", 6),
    "article's photo": (f"/pl/news/{CERTIFICATE_SLUG}/photos/{{photo}}", 6),
    "awards list": ("/pl/awards/", 4),
    "award": ("/en/awards/friendly-office-certificate-2022", 5),
    "information page": ("/pl/info/kontakt", 5),
    "search results": ("/pl/search?q=certyfikat", 7),
    "news feed": ("/pl/feed.atom", 3),
    "awards feed": ("/en/awards/feed.atom", 3),
    "sitemap": ("/sitemap.xml", 6),
    "robots.txt": ("/robots.txt", 0),
    "accessibility statement": ("/pl/deklaracja-dostepnosci", 4),
    "document download": ("/pl/documents/{document}", 2),
    "page not found": ("/pl/news/nie-ma-takiej-strony", 5),
}
SITE_GOAL = 10



def _with_document(app) -> tuple[int, int]:
    """The certificate article's first photo, and a document attached to that article."""
    from portal.documents import files, library
    from portal.documents.editor import attach
    from portal.news.models import Article
    from portal.service import Change, Via

    from ..documents.samples import pdf

    with app.test_request_context():
        articles = kind_named("article")
        media = library.remember_document(files.process(pdf(), app.config["MEDIA_ROOT"]),
                                          "regulamin.pdf")
        db.session.commit()
        article_id = Article.by_slug(CERTIFICATE_SLUG, "pl").id
        with Change(None, Via.COMMAND_LINE) as change:
            item = change.load(articles, article_id)
            document = attach(change, articles, item, media)
            change.record(articles, item, "save")
        return item.images[0].id, document.id


def test_every_readers_page_type_sends_few_statements(demo, client):
    assert all(limit + VERSION_CHECK <= SITE_GOAL for _, limit in LIMITS.values())
    photo, document = _with_document(demo)
    client.get("/pl/")  # the app's first request (imports, catalogs) is not a page's cost
    over = []
    for page, (address, limit) in LIMITS.items():
        url = address.format(photo=photo, document=document)
        with counting_statements(demo) as sent:
            response = client.get(url)
            response.close()  # a download's file
        expected = 404 if page == "page not found" else 200
        assert response.status_code == expected, (page, url, response.status_code)
        version_checked = any("FROM content_version" in statement for statement in sent)
        if len(sent) > limit + version_checked * VERSION_CHECK:
            over.append(f"{page} ({url}): {len(sent)} statements, at most {limit}:\n  "
                        + "\n  ".join(statement[:200] for statement in sent))
    assert not over, "\n".join(over)


@pytest.mark.parametrize("kind", ["article", "award", "page"])
def test_an_address_is_found_through_the_slug_index(tmp_path, kind):
    # SQLite's plan names the index it uses; without one it reads ("SCAN") the whole table.
    app = make_app(tmp_path)
    with app.app_context():
        table = kind_named(kind).model.translation_class.__table__
        query = sa.select(table.c.parent_id, table.c.locale).where(table.c.slug == "zebranie")
        compiled = query.compile(db.engine, compile_kwargs={"literal_binds": True})
        plan = " ".join(
            str(row[-1]) for row in db.session.execute(sa.text(f"EXPLAIN QUERY PLAN {compiled}"))
        )
    assert f"USING INDEX ix_{table.name}_slug" in plan, plan


def _plan(query) -> str:
    compiled = query.compile(db.engine, compile_kwargs={"literal_binds": True})
    return "; ".join(str(row[-1]) for row in
                     db.session.execute(sa.text(f"EXPLAIN QUERY PLAN {compiled}")))


def test_the_news_list_and_its_count_read_the_listed_index_alone(tmp_path):
    # Without ix_articles_listed the count reads every published article's row, and a deep
    # page every row before it (bench/results/queries.md).
    from portal.content import NewestFirst, utcnow
    from portal.news.models import Article

    app = make_app(tmp_path)
    with app.app_context():
        now = utcnow()
        page = (sa.select(Article).where(Article.visible(now))
                .order_by(Article.published_at.desc(), Article.id.desc()).limit(10).offset(50))
        oldest_end = page.order_by(None).order_by(Article.published_at, Article.id)
        count = NewestFirst.bounded_count(Article.listed_ids(now), 1_000)
        assert "USING COVERING INDEX ix_articles_listed" in _plan(count)
        for query in (page, oldest_end):
            plan = _plan(query)
            assert "USING INDEX ix_articles_listed" in plan, plan
            assert "TEMP B-TREE" not in plan, plan  # sorted by the index, not after reading


def test_news_pages_read_from_either_end_keep_the_newest_first_order(demo, client):
    # Five to a page: page 1 and 2 are read newest first, page 3 from the oldest end.
    from portal.news.models import Article

    demo.config["NEWS_PER_PAGE"] = 5
    with demo.app_context():
        expected = [a.translations["pl"].title for a in Article.latest(100)]
    shown = []
    for number in (1, 2, 3):
        page = check_page(client.get(f"/pl/news/?page={number}"), "pl")
        shown += [a.get_text(strip=True) for a in page.select("main article .card-title a")]
        assert f"strona {number} z 3" in page.text
    assert len(expected) == 12
    assert shown == expected
    assert client.get("/pl/news/?page=4").status_code == 404


@pytest.mark.postgresql
def test_on_postgresql_the_news_list_and_its_count_can_read_the_listed_index(tmp_path):
    # A test's tables are tiny, so PostgreSQL would rather read them whole (or through a
    # bitmap): those scans are switched off to see how the planner can use the index.
    from portal.content import NewestFirst, utcnow
    from portal.news.models import Article

    app = make_app(tmp_path, "postgresql")
    with app.app_context():
        now = utcnow()
        page = (sa.select(Article).where(Article.visible(now))
                .order_by(Article.published_at.desc(), Article.id.desc()).limit(10).offset(50))
        db.session.execute(sa.text("SET LOCAL enable_seqscan = off"))
        db.session.execute(sa.text("SET LOCAL enable_bitmapscan = off"))
        plans = {}
        count = NewestFirst.bounded_count(Article.listed_ids(now), 1_000)
        for name, query in (("count", count), ("page", page)):
            compiled = query.compile(db.engine, compile_kwargs={"literal_binds": True})
            plans[name] = " ".join(row[0] for row in
                                   db.session.execute(sa.text(f"EXPLAIN {compiled}")))
        db.session.rollback()
        db.session.remove()
        db.engine.dispose()
    assert "Index Only Scan using ix_articles_listed" in plans["count"], plans["count"]
    assert "using ix_articles_listed" in plans["page"], plans["page"]
    assert "Sort" not in plans["page"], plans["page"]


def test_the_news_list_reaches_the_newest_articles_up_to_its_bound(demo, client):
    # Its count and its deepest page read no more rows than the bound, however many articles.
    from portal.news.models import Article

    demo.config.update(NEWS_PER_PAGE=5, NEWS_LIST_MAX=7)
    with demo.app_context():
        newest = [a.translations["pl"].title for a in Article.latest(7)]
    first = check_page(client.get("/pl/news/"), "pl")
    assert "ponad 7 artykułów · strona 1 z 2" in first.text
    assert "starsze artykuły można znaleźć wyszukiwarką" not in first.text
    last = check_page(client.get("/pl/news/?page=2"), "pl")
    shown = [a.get_text(strip=True) for a in
             first.select("main article .card-title a") + last.select("main article .card-title a")]
    assert shown == newest
    assert "Tu lista się kończy: starsze artykuły można znaleźć wyszukiwarką." in last.text
    assert client.get("/pl/news/?page=3").status_code == 404
    english = check_page(client.get("/en/news/"), "en")
    assert "more than 7 articles" in english.text
