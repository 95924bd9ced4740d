"""The portal of a municipal social-welfare centre: public site and staff publishing."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from flask_babel import gettext, lazy_gettext
from werkzeug.middleware.proxy_fix import ProxyFix

from . import (
    accessibility,
    awards,
    bad_requests,
    cli,
    database,
    documents,
    editor,
    errors,
    feeds,
    health,
    home,
    i18n,
    images,
    mail,
    news,
    page_cache,
    pages,
    previews,
    public,
    reader,
    redirects,
    request_log,
    search,
    security,
    service,
    staff,
    static_files,
)
from . import config as settings
from .config import ROOT
from .extensions import csrf, db, limiter, login_manager, migrate
from .staff import sessions as staff_sessions


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the application: settings, extensions, blueprints, CLI and error pages."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("PORTAL_INSTANCE_PATH") or str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(settings.load(Path(app.instance_path)))
    if config:
        app.config.update(config)
    settings.check_production(app.config, app.debug, app.instance_path)
    if app.config["PROXIES"]:
        n = app.config["PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]
    if app.config["TRUSTED_HOSTS"]:
        app.config["TRUSTED_HOSTS"] = list(app.config["TRUSTED_HOSTS"])

    request_log.init_app(app)
    bad_requests.init_app(app)  # first: it bounds the <int:…> of every rule added after it
    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    staff_sessions.init_app(app)  # before the CSRF check, which must see an ended session
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "staff.login"
    login_manager.login_message = lazy_gettext("Please log in to see this page.")
    # Flash the translated text (never a lazy string), or why the session ended.
    login_manager.localize_callback = staff_sessions.login_message
    login_manager.session_protection = "basic"
    limiter.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    reader.init_app(app)
    previews.init_app(app)
    mail.init_app(app)
    static_files.init_app(app)

    # The readers' and staff sides, then each content package, explicitly: a package registers
    # its kind (portal.kinds) and adds its own pages; the editor gives every kind with a staff
    # address its pages.
    health.init_app(app)
    app.register_blueprint(public.root)
    app.register_blueprint(public.bp)
    app.register_blueprint(staff.bp)
    editor.init_app(app)
    for package in (news, awards, pages, images, documents, accessibility, redirects, search,
                    feeds):
        package.init_app(app)
    public.add_page(app, "/", home.home)
    page_cache.init_app(app)  # last: its lookup runs after every other check of the request
    service.guard_writes()

    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals.update(site_name=site_name)

    cli.init_app(app)
    return app


def site_name() -> str:
    return current_app.config["SITE_NAME"] or gettext("Municipal Social Welfare Centre")
