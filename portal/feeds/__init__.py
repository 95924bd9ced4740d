"""How content is found from outside: Atom feeds, the sitemap, robots.txt.

- ``/<lang>/feed.atom``: the news, ``/<lang>/awards/feed.atom``: the awards (Atom, RFC 4287),
  each entry in the feed's language or, not translated yet, in Polish (``xml:lang`` says so);
- ``/sitemap.xml``: every page readers can see, in each language it is written in, with its
  alternates (``xhtml:link``, as each page's ``hreflang`` links) and ``lastmod``; past 50,000
  addresses an index of sitemaps ``/sitemap-<n>.xml``;
- ``/robots.txt``: the sitemap's address; the staff side and search results are disallowed.

``init_app`` adds them (the feeds as readers' pages, so the language and caching rules apply).
"""

from flask import Flask

from .. import public
from . import sitemap, views


def init_app(app: Flask) -> None:
    app.config.setdefault("FEED_ENTRIES", 20)
    app.config.setdefault("SITEMAP_MAX_URLS", 50_000)
    public.add_page(app, "/feed.atom", views.news_feed)
    public.add_page(app, "/awards/feed.atom", views.awards_feed)
    app.register_blueprint(sitemap.bp)
