"""The XSS corpus (``payloads.txt``) and the content made of it, written the way staff write.

Every payload goes into the text fields of many items and languages, one payload a field, each
followed by a marker (`` ⟦s17⟧``) naming the slot (item, field, language) it was typed into, so
a page's source says which typed values it shows. The slots rotate the payloads over the items,
so that each field of a kind holds every payload in some item and language.

``seed(app)`` writes it all through the write service (``portal.service.Change``, as the editor
and the PO import do), plus the few things staff type that are not content: user names, review
comments, a media file's name.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import sqlalchemy as sa
from bs4 import BeautifulSoup
from flask import url_for

FILE = Path(__file__).with_name("payloads.txt")
_CHAR = re.compile(r"\{U\+([0-9A-Fa-f]{4,6})\}")
MARKER = re.compile(r"⟦s(\d+)⟧")
SECRET_KEY = "test-secret-key-that-is-long-enough-0123456789"
# What a template engine would make of the corpus's template payloads, had it run them.
EVALUATED = ("1787569", "jinja0jinja1", SECRET_KEY)


def load_payloads() -> list[str]:
    """The payloads, one a line, ``{U+XXXX}`` made the character it names."""
    found = []
    for line in FILE.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        found.append(_CHAR.sub(lambda m: chr(int(m.group(1), 16)), line))
    return found


PAYLOADS = load_payloads()


@dataclass(frozen=True)
class Slot:
    number: int
    payload: int  # index into PAYLOADS
    kind: str  # "article", "award", "user", "review" …
    field: str
    lang: str | None = None

    @property
    def text(self) -> str:
        return f"{PAYLOADS[self.payload]} ⟦s{self.number}⟧"

    @property
    def label(self) -> str:
        return f"{self.kind}.{self.field}"


@dataclass
class Seeded:
    slots: list[Slot] = field(default_factory=list)
    articles: list[int] = field(default_factory=list)
    awards: list[int] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    users: list[int] = field(default_factory=list)
    gallery_article: int = 0

    def slot(self, payload: int, kind: str, name: str, lang: str | None = None) -> str:
        slot = Slot(len(self.slots), payload % len(PAYLOADS), kind, name, lang)
        self.slots.append(slot)
        return slot.text

    def shown(self, source: str) -> set[int]:
        """The slots whose text a page (or feed, or mail) carries, by their markers."""
        return {int(n) for n in MARKER.findall(source)}

    @property
    def fields(self) -> set[str]:
        return {slot.label for slot in self.slots}


ARTICLES, AWARDS, PAGES = 11, 6, 4
LANGUAGES = ("pl", "en", "uk")


def _spread(seeded: Seeded, kind: str, fields: tuple[str, ...], k: int, lang_index: int,
            lang: str) -> dict[str, str]:
    """One language's texts of item ``k``: field ``f`` holds payload 3k + l + f·(P / 2) + f // 2,
    so that over the items and languages, each field holds a run of payloads and the first two
    fields (a title and what a list shows under it) hold every payload between them."""
    half = len(PAYLOADS) // 2
    return {name: seeded.slot(3 * k + lang_index + f * half + f // 2 * (half // 2), kind,
                              name, lang)
            for f, name in enumerate(fields)}


def seed(app, media_root: str | None = None) -> Seeded:
    """Write the corpus into every field staff can type, through the write service."""
    from portal.accessibility.models import AccessibilityStatement
    from portal.content import utcnow
    from portal.documents import files
    from portal.documents.library import remember_document
    from portal.documents.models import Document
    from portal.editor import review
    from portal.extensions import db
    from portal.kinds import kind_named
    from portal.news.models import Article
    from portal.security import hash_password
    from portal.service import Change, Via
    from portal.staff.models import User
    from tests.documents.samples import pdf

    seeded = Seeded()
    with app.app_context():
        # Staff: administrators in each staff language, an editor and a publisher, each named
        # with a payload (names appear in lists, the history, the audit log and mails).
        for n, (role, lang) in enumerate([("admin", "pl"), ("admin", "en"), ("admin", "uk"),
                                          ("editor", "pl"), ("publisher", "pl")]):
            user = User(email=f"{role}{n}@mops.example.pl", role=role, language=lang,
                        name=seeded.slot(n * 13, "user", "name"),
                        password_hash=hash_password("correct horse battery staple"))
            db.session.add(user)
        db.session.commit()
        users = list(db.session.scalars(sa.select(User).order_by(User.id)))
        seeded.users = [u.id for u in users]
        editor, publisher = users[3], users[4]

        kinds = {name: kind_named(name) for name in ("article", "award", "page", "image",
                                                     "document", "statement")}
        now = utcnow()
        # Articles: first written plainly, then with payloads, so the history has a difference
        # from plain words to each payload.
        article_fields = ("title", "summary", "body", "slug")
        for k in range(ARTICLES):
            with Change(editor, Via.FORM) as change:
                item = change.create(kinds["article"])
                change.write_texts(kinds["article"], item, "pl",
                                   {"title": f"Artykuł {k}", "summary": "Krótko.",
                                    "body": "<p>Zwykły tekst.</p>"})
                change.publish(kinds["article"], item, now - timedelta(hours=k + 1))
                change.record(kinds["article"], item, "publish")
            seeded.articles.append(item.id)
        for k, item_id in enumerate(seeded.articles):
            with Change(editor, Via.FORM) as change:
                item = change.load(kinds["article"], item_id)
                for index, lang in enumerate(LANGUAGES):
                    values = _spread(seeded, "article", article_fields, k, index, lang)
                    slug = values.pop("slug")
                    change.write_texts(kinds["article"], item, lang, values, slug=slug)
                change.record(kinds["article"], item, "save")

        award_fields = ("title", "organiser", "edition", "place", "description", "slug")
        for k in range(AWARDS):
            with Change(editor, Via.FORM) as change:
                item = change.create(kinds["award"], awarded_on=now.date(),
                                     article=db.session.get(Article, seeded.articles[k]))
                for index, lang in enumerate(LANGUAGES):
                    values = _spread(seeded, "award", award_fields, k * 4, index, lang)
                    slug = values.pop("slug")
                    change.write_texts(kinds["award"], item, lang, values, slug=slug)
                change.publish(kinds["award"], item, now - timedelta(days=k + 1))
                change.record(kinds["award"], item, "create")
            seeded.awards.append(item.id)

        page_fields = tuple(kinds["page"].field_names) + ("slug",)
        for k in range(PAGES):
            with Change(editor, Via.FORM) as change:
                item = change.create(kinds["page"], menu_position=50 + k)
                for index, lang in enumerate(LANGUAGES):
                    values = _spread(seeded, "page", page_fields, k * 5, index, lang)
                    slug = values.pop("slug")
                    change.write_texts(kinds["page"], item, lang, values, slug=slug)
                change.publish(kinds["page"], item, now - timedelta(days=k + 1))
                change.record(kinds["page"], item, "create")
            seeded.pages.append(item.id)

        # Photos' alternative texts and captions: the demo's certificate article's gallery.
        from portal.demo import CERTIFICATE_SLUG

        tr = kinds["article"].translation_class
        gallery = db.session.scalar(sa.select(Article).join(tr).where(
            tr.locale == "pl", tr.slug == CERTIFICATE_SLUG))
        seeded.gallery_article = gallery.id
        with Change(editor, Via.FORM) as change:
            article = change.load(kinds["article"], gallery.id)
            for k, image in enumerate(article.images):
                for index, lang in enumerate(LANGUAGES):
                    change.write_texts(kinds["image"], image, lang, _spread(
                        seeded, "image", ("alt", "caption"), k * 7, index, lang))
            # Documents attached to it: their titles, and the file's name in the library.
            for k in range(2):
                processed = files.process(pdf(f"Wniosek {k}"), media_root
                                          or app.config["MEDIA_ROOT"])
                media = remember_document(processed, name=seeded.slot(k * 9 + 5, "media",
                                                                      "name"))
                document = change.add(kinds["document"], Document(
                    file=media, version=1, position=k, alternative_url=""))
                article.documents.append(document)
                for index, lang in enumerate(LANGUAGES):
                    change.write_texts(kinds["document"], document, lang, _spread(
                        seeded, "document", ("title",), k * 11 + 2, index, lang))
            change.record(kinds["article"], article, "save")

        # The accessibility statement: every text of each language, and the typed facts.
        statement_kind = kinds["statement"]
        with Change(users[0], Via.FORM) as change:
            statement = change.load(statement_kind, AccessibilityStatement.current().id)
            change.set_fields(statement_kind, statement, {
                "auditor": seeded.slot(20, "statement", "auditor"),
                "contact_person": seeded.slot(33, "statement", "contact_person"),
            })
            for index, lang in enumerate(LANGUAGES):
                change.write_texts(statement_kind, statement, lang, _spread(
                    seeded, "statement", statement_kind.field_names, 1, index, lang))
            change.record(statement_kind, statement, "save")

        # Review: one article sent back with a comment, one published without a review with a
        # reason; both show on the dashboard, in the editor and in the history.
        for n, item_id in enumerate(seeded.articles[:2]):
            with Change(publisher, Via.FORM) as change:
                item = change.load(kinds["article"], item_id)
                comment = seeded.slot(40 + n * 7, "review", "comment")
                if n == 0:
                    review._set(kinds["article"], item, "returned", change, comment=comment,
                                author=editor, by=publisher)
                    change.audit("review_return", item, comment=comment)
                else:
                    review._set(kinds["article"], item, "unreviewed", change, comment=comment,
                                author=publisher)
                    change.audit("publish", item, review="not reviewed", reason=comment)
        db.session.remove()
    return seeded


# --- Where it shows ----------------------------------------------------------------------------

def public_places(app, seeded) -> dict[str, dict[str, list[str]]]:
    """Place type -> language -> the readers' addresses showing typed text."""
    from portal.awards.models import Award
    from portal.extensions import db
    from portal.news.models import Article
    from portal.pages.models import Page

    places: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    with app.test_request_context():
        articles = [db.session.get(Article, n) for n in seeded.articles]
        gallery = db.session.get(Article, seeded.gallery_article)
        awards = [db.session.get(Award, n) for n in seeded.awards]
        pages = [db.session.get(Page, n) for n in seeded.pages]
        for lang in ("pl", "en", "uk"):
            def add(place, endpoint, lang=lang, **values):
                places[place][lang].append(url_for(endpoint, lang=lang, **values))

            def slug(item, lang=lang):
                return item.localized(lang).text.slug

            add("home", "public.home")
            add("news list", "public.news_list")
            for article in articles:
                add("article", "public.article", slug=slug(article))
            add("article with gallery and documents", "public.article", slug=slug(gallery))
            for image in gallery.images:
                add("photo page", "public.article_photo", slug=slug(gallery),
                    image_id=image.id)
            add("awards list", "public.awards_list")
            for award in awards:
                add("award", "public.award", slug=slug(award))
            for page in pages:
                add("information page", "public.page", slug=slug(page))
            add("accessibility statement", "public.accessibility_statement")
            add("search results", "public.search", q="alert")
            for n in (0, 9, 18, 46, 53, 56):
                add("search query", "public.search", q=PAYLOADS[n])
            add("news feed", "public.news_feed")
            add("awards feed", "public.awards_feed")
            for n in (0, 46, 48):
                places["not found"][lang].append(f"/{lang}/{quote(PAYLOADS[n], safe='')}")
    places["sitemap"]["pl"].append("/sitemap.xml")
    return places


def staff_places(app, seeded, everything: bool) -> dict[str, list[str]]:
    """Place type -> the staff addresses showing typed text (``everything``: every item's
    pages; else the first few)."""
    places: dict[str, list[str]] = defaultdict(list)
    articles = seeded.articles if everything else seeded.articles[:1]
    for item_id in articles + [seeded.gallery_article]:
        places["editor"].append(f"/staff/articles/{item_id}")
        places["history and differences"].append(f"/staff/articles/{item_id}/history")
    for n, item_id in enumerate(articles[:4] + [seeded.gallery_article]):
        lang = ("en", "uk")[n % 2]
        places["side by side translation"].append(f"/staff/articles/{item_id}/translate/{lang}")
        places["preview"].append(f"/staff/articles/{item_id}/preview/{lang}")
    for item_id in seeded.awards if everything else seeded.awards[:1]:
        places["editor"].append(f"/staff/awards/{item_id}")
        places["history and differences"].append(f"/staff/awards/{item_id}/history")
    for item_id in seeded.pages if everything else seeded.pages[:1]:
        places["editor"].append(f"/staff/pages/{item_id}")
        places["history and differences"].append(f"/staff/pages/{item_id}/history")
        places["side by side translation"].append(f"/staff/pages/{item_id}/translate/uk")
    places["dashboard"] += ["/staff/", "/staff/?status=trash", "/staff/?q=alert"]
    items = "&".join(f"item=article:{n}" for n in seeded.articles)
    places["bulk confirmation"].append(f"/staff/bulk?action=unpublish&{items}")
    places["staff search"] += ["/staff/search?q=alert", "/staff/search?q=" + quote(PAYLOADS[3])]
    places["users"] += ["/staff/users", f"/staff/users/{seeded.users[3]}", "/staff/account"]
    places["audit log"].append("/staff/audit")
    places["redirects"].append("/staff/redirects")
    places["media library"].append("/staff/media")
    places["translation pages"] += ["/staff/translations/", "/staff/translations/files",
                                    "/staff/translations/catalogs"]
    places["accessibility statement form"].append("/staff/accessibility")
    return places


# --- Reading what a page shows ----------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"}
BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)


def unsafe_markup(source: str, seeded: Seeded) -> list[str]:
    """Markup in ``source`` that came from typed text: a tag or attribute a payload wrote.

    The portal's own markup has no event handlers, no inline scripts (except JSON-LD), no
    ``javascript:`` addresses; any of those is a payload's. A typed payload that contains
    ``<`` never appears as written (it is escaped, or the sanitiser rewrote it).
    """
    found = []
    soup = BeautifulSoup(source, "html.parser")
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            values = value if isinstance(value, list) else [value]
            if name.lower().startswith("on"):
                found.append(f"<{tag.name} {name}=…>")
            if name.lower() in URL_ATTRIBUTES and any(BAD_SCHEME.match(v or "") for v in values):
                if not (tag.name == "img" and values[0].startswith("data:image/")):
                    found.append(f"<{tag.name} {name}={values[0][:40]!r}>")
        if tag.name == "script":
            if tag.get("type") == "application/ld+json":
                json.loads(tag.string or "")  # parses: nothing typed closed it early
            elif not (tag.get("src") or "").startswith("/static/") or tag.string:
                found.append(f"<script>{(tag.string or '')[:40]}")
        if tag.name in ("iframe", "frame", "object", "embed", "base", "svg", "math"):
            found.append(f"<{tag.name}>")
    return found + written_as_typed(source, seeded)


def written_as_typed(source: str, seeded: Seeded) -> list[str]:
    """Payloads with markup found as written in a page's source (escaped, or rewritten by the
    sanitiser, none is), and template payloads that were evaluated."""
    found = []
    for index in {slot.payload for slot in seeded.slots}:
        payload = PAYLOADS[index]
        if "<" in payload and payload in source:
            found.append(f"payload {index} as written: {payload[:50]!r}")
    for evaluated in EVALUATED:
        if evaluated in source:
            found.append(f"a template payload was evaluated: {evaluated!r}")
    return found


def as_typed(source: str, seeded: Seeded, ids: set[int]) -> int:
    """How many of the slots ``ids`` a page shows as the very text typed (escaped once)."""
    text = html.unescape(source)
    return sum(1 for n in ids if seeded.slots[n].text in text)
