"""Every route of the URL map, every method, as anonymous and as each role, with and without a
CSRF token: no GET or HEAD changes anything, nothing changes without the token, and a role below
a route's requirement is refused (403, or the login page when anonymous) changing nothing.

"Nothing changes" is a fingerprint of the database (every table's row count and a hash of its
rows) and of the media folder's listing, taken before and after each route's requests, and a
watch on the database connections that counts every committed write, request by request.

The requirement of each route is read from the tables the other role tests keep: the editor's
own rule table (``portal.editor.routes.RULES``, walked by tests/editor/test_roles.py) and
tests/staff/test_access.py's ``ROUTES`` for the other staff pages; anything outside /staff/ is
the readers' and open to all. A rule with no sample values for its arguments, or a staff rule
with no requirement, fails the test: a new route must say here how to reach it.

What an allowed role's request with a valid token does is not tried here (it changes things, as
it should): tests/staff/test_access.py and tests/editor/test_roles.py check those answers.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import url_for

from portal import kinds
from portal.documents.models import Document, MediaFile
from portal.editor.routes import RULES
from portal.extensions import db
from portal.images.models import Image
from portal.news.models import Article
from portal.revisions import Revision
from portal.staff import tokens
from portal.staff.models import User

from ..conftest import create_user, csrf_token, log_in, make_app
from ..content_helpers import edit_form
from ..documents.test_flows import saved_with_document, start
from .test_access import PUBLIC_ENDPOINTS, ROUTES, _media, _redirect

ROLES = ("anonymous", "translator", "editor", "publisher", "admin")
METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH")
SAFE = ("GET", "HEAD")


# --- What each route requires ----------------------------------------------------------------


def requirements(app) -> dict[tuple[str, str], frozenset[str] | None]:
    """(method, endpoint) → the roles allowed, or None for a route open to everyone."""
    required: dict[tuple[str, str], frozenset[str] | None] = {}
    for kind in kinds.edited(app):
        for _rule, view, _func, methods, roles in RULES:
            for method in methods:
                required[(method, f"staff.{kind.name}_{view}")] = frozenset(roles)
    for route in ROUTES:
        required[(route.method, route.endpoint)] = route.allowed
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS or not rule.endpoint.startswith("staff."):
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                required[(method, rule.endpoint)] = None
    return required


# --- Sample values for every rule's arguments, from the demo content ---------------------------


def sample_values(app) -> dict[str, dict[str, object]]:
    """Endpoint → its URL arguments. Items are ones with the most to show: article 1 has a
    working draft submitted for review, photos and revisions; the document is a draft's."""
    with app.test_request_context():
        article = db.session.get(Article, 1)
        photo = db.session.scalars(
            sa.select(Image).join(Article.images).where(Article.id == 1).limit(1)
        ).first() or db.session.scalars(sa.select(Image).limit(1)).first()
        photo_article = db.session.scalars(
            sa.select(Article).join(Article.images).where(Image.id == photo.id).limit(1)
        ).first()
        document = db.session.scalars(sa.select(Document).order_by(Document.id)).first()
        picture = db.session.scalars(
            sa.select(MediaFile).where(MediaFile.type == "image").order_by(MediaFile.id)
        ).first()
        invited = db.session.get(User, app.config["MATRIX_INVITED"])
        token = tokens.password_link(invited).rsplit("/", 1)[-1]
        values: dict[str, dict[str, object]] = {
            "public.article": {"slug": article.translations["pl"].slug},
            "public.article_photo": {
                "slug": photo_article.translations["pl"].slug,
                "image_id": photo.id,
            },
            "public.document": {"document_id": document.id},
            "public.document_alternative": {"document_id": document.id},
            "media.serve": {"filename": _rendition(app, picture)},
            "static": {"filename": "css/site.css"},
            "sitemap.part": {"number": 1},
            "root.set_language": {"code": "en"},
            "reader.contrast": {"mode": "high"},
            "reader.text_size": {"size": "large"},
            "staff.set_password": {"token": token},
            "staff.edit_user": {"user_id": app.config["MATRIX_OTHER"]},
            "staff.deactivate_user": {"user_id": app.config["MATRIX_OTHER"]},
            "staff.activate_user": {"user_id": app.config["MATRIX_OTHER"]},
            "staff.new_password_link": {"user_id": app.config["MATRIX_OTHER"]},
            "staff.redirect_delete": {"redirect_id": app.config["MATRIX_REDIRECT"]},
        }
        for endpoint in ("staff.media_file", "staff.media_use", "staff.media_delete"):
            values[endpoint] = {"file_id": app.config["MATRIX_MEDIA"]}
        for kind in kinds.edited(app):
            model = kind.model
            item = db.session.scalars(sa.select(model).order_by(model.id)).first()
            number = Revision.latest_number(kind.name, item.id)
            for _rule, view, *_ in RULES:
                endpoint = f"staff.{kind.name}_{view}"
                values[endpoint] = {"item_id": item.id, "number": number,
                                    "lang": "uk" if view == "translate" else "pl"}
            if kind.public_endpoint:
                values.setdefault(kind.public_endpoint, {"slug": item.translations["pl"].slug})
    return values


def _rendition(app, picture: MediaFile) -> str:
    """A picture's file under MEDIA_ROOT, as its readers' address names it."""
    root = Path(app.config["MEDIA_ROOT"])
    found = sorted(p for p in root.rglob("*.webp") if picture.key in p.name) or sorted(
        root.rglob("*.webp"))
    return found[0].relative_to(root).as_posix()


# Query strings that make a page do its work rather than show an empty form: the PO export of
# every status (drafts' texts included), searches, a bulk action's confirmation page.
QUERIES: dict[str, dict[str, str]] = {
    "staff.translation_export": {"language": "uk", "missing": "y", "outdated": "y",
                                 "up_to_date": "y"},
    "staff.search": {"q": "mops"},
    "public.search": {"q": "pomoc"},
    "staff.media": {"q": "a"},
    "staff.bulk": {"action": "trash", "item": "article:1"},
    "staff.audit_log": {"q": "a"},
}


def address(app, rule, values: dict[str, dict[str, object]]) -> str:
    given = dict(values.get(rule.endpoint, {}))
    if "lang" in rule.arguments:
        given.setdefault("lang", "pl")
    missing = set(rule.arguments) - set(given)
    assert not missing, f"{rule.rule} ({rule.endpoint}): add sample values for {missing}"
    arguments = {k: v for k, v in given.items() if k in rule.arguments}
    with app.test_request_context():
        return url_for(rule.endpoint, **arguments, **QUERIES.get(rule.endpoint, {}))


# --- The fingerprint ---------------------------------------------------------------------------


def fingerprint(app) -> dict[str, tuple]:
    """Each table's row count and a hash of its rows in key order; the media folder's files."""
    found: dict[str, tuple] = {}
    with app.app_context():
        with db.engine.connect() as conn:
            for table in db.metadata.sorted_tables:
                order = list(table.primary_key.columns) or list(table.columns)
                digest = hashlib.sha256()
                count = 0
                for row in conn.execute(sa.select(table).order_by(*order)):
                    digest.update(repr(tuple(row)).encode())
                    count += 1
                found[table.name] = (count, digest.hexdigest())
    root = app.config["MEDIA_ROOT"]
    files = sorted(
        (os.path.relpath(path, root), os.path.getsize(path))
        for folder, _dirs, names in os.walk(root)
        for path in (os.path.join(folder, name) for name in names)
    )
    found["media folder"] = (len(files), hashlib.sha256(repr(files).encode()).hexdigest())
    return found


def changed(before: dict, after: dict) -> list[str]:
    return [name for name in after if before.get(name) != after[name]]


class Writes:
    """Counts transactions committed with an INSERT, UPDATE or DELETE in them (a preview's
    abandoned change writes and rolls back: that is not a change)."""

    def __init__(self, engine) -> None:
        self.committed = 0
        sa.event.listen(engine, "after_cursor_execute", self._executed)
        sa.event.listen(engine, "commit", self._commit)
        sa.event.listen(engine, "rollback", self._rollback)

    def _executed(self, conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip()[:7].upper().startswith(("INSERT", "UPDATE", "DELETE", "REPLACE")):
            conn.info["matrix_wrote"] = True

    def _commit(self, conn) -> None:
        if conn.info.pop("matrix_wrote", False):
            self.committed += 1

    def _rollback(self, conn) -> None:
        conn.info.pop("matrix_wrote", None)


# --- The app the matrix runs in ----------------------------------------------------------------


def matrix_app(tmp_path_factory, backend: str):
    app = make_app(tmp_path_factory.mktemp(f"matrix-{backend}"), backend,
                   PORTAL_REVIEW_REQUIRED=True)
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    for role in ROLES[1:]:
        create_user(app, role, email=f"{role}@mops.example.pl")
    app.config["MATRIX_OTHER"] = create_user(app, "editor", email="other@mops.example.pl",
                                             name="Other")
    app.config["MATRIX_INVITED"] = create_user(app, "editor", email="invited@mops.example.pl",
                                               name="Invited", password="")
    with app.app_context():
        db.session.get(User, app.config["MATRIX_INVITED"]).password_hash = ""
        db.session.commit()
    app.config["MATRIX_REDIRECT"] = _redirect(app)
    app.config["MATRIX_MEDIA"] = _media(app)

    # Article 1 (live) gets a working draft, submitted for review by the editor.
    editor = app.test_client()
    assert log_in(editor, "editor@mops.example.pl").status_code == 302
    data = edit_form(editor, "/staff/articles/1")
    data.update({"pl-title": data["pl-title"] + " (draft)", "action": "submit"})
    response = editor.post("/staff/articles/1", data=data)
    assert response.status_code == 302, response.status_code
    # A draft article with a document: readers may not download it, staff may.
    start(editor, title="Wniosek (szkic)")
    with app.app_context():
        draft = db.session.scalar(sa.select(sa.func.max(Article.id)))
    assert saved_with_document(editor, f"/staff/articles/{draft}").status_code == 302
    return app


def clients(app) -> dict[str, tuple[object, str]]:
    """A client per role, logged in (but anonymous), with a valid CSRF token of its session."""
    found = {}
    for role in ROLES:
        client = app.test_client()
        if role == "anonymous":
            token = csrf_token(client, "/staff/login")
        else:
            assert log_in(client, f"{role}@mops.example.pl").status_code == 302
            token = csrf_token(client, "/staff/account")
        found[role] = (client, token)
    return found


def tokens_for(method: str, served: bool) -> tuple[bool, ...]:
    """GET and HEAD carry no token; POST is sent with and without. A method the rule does not
    serve is answered 405 by the URL map, token or not (the CSRF check passes over a request that
    matched no rule), so it is sent once, with a valid token: the more permissive case."""
    if method in SAFE:
        return (False,)
    return (False, True) if served else (True,)


def run_matrix(app, only=None, methods=METHODS) -> Counter:
    """Send every request of the matrix; returns what was tried. ``only``, ``methods``: the
    endpoints and methods to try (a smaller pass on another database)."""
    required = requirements(app)
    # What test_access's table sends to a route (a role raised to admin, say), for every POST.
    crafted = {(route.method, route.endpoint): route.data for route in ROUTES}
    values = sample_values(app)
    by_role = clients(app)
    with app.app_context():
        writes = Writes(db.engine)
    tried: Counter = Counter()
    problems: list[str] = []
    before = fingerprint(app)
    rules = sorted(app.url_map.iter_rules(), key=lambda r: r.rule)
    uncovered = [
        f"{m} {r.rule} ({r.endpoint})"
        for r in rules
        for m in sorted(r.methods - {"HEAD", "OPTIONS"})
        if (m, r.endpoint) not in required
    ]
    assert not uncovered, "say who may use these routes (tests/staff/test_access.py ROUTES): " + (
        ", ".join(uncovered))
    for rule in rules:
        if only is not None and rule.endpoint not in only:
            continue
        url = address(app, rule, values)
        tried["rules"] += 1
        for method in methods:
            served = method in rule.methods
            allowed = required.get((method if method != "HEAD" else "GET", rule.endpoint))
            for role in ROLES:
                client, token = by_role[role]
                permitted = served and (allowed is None or role in allowed)
                for with_token in tokens_for(method, served):
                    if permitted and with_token and method not in SAFE:
                        continue  # allowed and valid: it may change things, as it should
                    writes_before = writes.committed
                    data = dict(crafted.get((method, rule.endpoint), {}))
                    if with_token:
                        data["csrf_token"] = token
                    response = client.open(url, method=method, data=data)
                    response.close()
                    tried["requests"] += 1
                    tried[method] += 1
                    what = f"{method} {url} as {role} {'with' if with_token else 'without'} token"
                    status = response.status_code
                    if writes.committed != writes_before:
                        problems.append(f"{what}: wrote to the database ({status})")
                    if not served:
                        if status not in (400, 405):
                            problems.append(f"{what}: {status}, expected 405")
                        continue
                    if allowed is not None and role not in allowed:
                        if role == "anonymous":
                            location = response.headers.get("Location", "")
                            login = status == 302 and location.startswith("/staff/login")
                            # A form sent with no valid token: the "log in again" page.
                            if not login and not (status == 400 and not with_token):
                                problems.append(f"{what}: {status} {location}, expected login")
                        elif status != 403 and not (status == 400 and not with_token):
                            problems.append(f"{what}: {status}, expected 403")
        after = fingerprint(app)
        if after != before:
            problems.append(f"{rule.rule}: changed {changed(before, after)}")
            before = after
    assert not problems, "\n".join(problems)
    tried["roles"] = len(ROLES)
    tried["methods"] = len(methods)
    return tried


@pytest.fixture(scope="module")
def sqlite_app(tmp_path_factory):
    app = matrix_app(tmp_path_factory, "sqlite")
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_every_route_every_method_every_role(sqlite_app, capsys):
    tried = run_matrix(sqlite_app)
    summary = (f"route matrix (sqlite): {tried['rules']} rules × {tried['roles']} roles × "
               f"{tried['methods']} methods, with and without a CSRF token: "
               f"{tried['requests']} requests (" + ", ".join(
                   f"{m} {tried[m]}" for m in METHODS) + ")")
    with capsys.disabled():
        print("\n" + summary)
    assert tried["rules"] == len(list(sqlite_app.url_map.iter_rules()))


@pytest.mark.postgresql
def test_the_staff_routes_on_postgresql(tmp_path_factory, capsys):
    """A smaller pass: the state-changing staff routes (every POST) on PostgreSQL."""
    app = matrix_app(tmp_path_factory, "postgresql")
    try:
        only = {r.endpoint for r in app.url_map.iter_rules() if "POST" in r.methods}
        tried = run_matrix(app, only, ("GET", "POST"))
        with capsys.disabled():
            print(f"\nroute matrix (postgresql): {tried['rules']} rules, "
                  f"{tried['requests']} requests")
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
