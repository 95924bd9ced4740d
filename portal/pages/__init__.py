"""Information pages: the centre's standing texts (services, contact, the required pages).

``init_app`` registers the page kind, the readers' page ``/<lang>/info/<slug>`` and the menu
every page's header shows.
"""

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from .. import kinds, public
from . import views
from .forms import PageFields, PageText
from .models import Page

# What the editor says of a page: one message per kind, so translations agree with its
# gender.
MESSAGES = {
    # TRANSLATORS: said of a page (Polish strona: feminine; Ukrainian сторінка: feminine).
    "published": _l("The page “%(title)s” is published."),
    # TRANSLATORS: said of a page (Polish strona: feminine; Ukrainian сторінка: feminine).
    "changes_published": _l("The page “%(title)s” is published with its changes."),
    # TRANSLATORS: said of a page (Polish strona: feminine; Ukrainian сторінка: feminine).
    "scheduled": _l("The page “%(title)s” will be published on %(when)s."),
    # TRANSLATORS: said of a page (Polish strona: feminine; Ukrainian сторінка: feminine).
    "published_until": _l("The page “%(title)s” is published until %(until)s."),
    # TRANSLATORS: said of a page (Polish strona: feminine; Ukrainian сторінка: feminine).
    "scheduled_until": _l("The page “%(title)s” will be published on %(when)s, until "
                          "%(until)s."),
    # TRANSLATORS: said of a page (Polish strona: feminine; Ukrainian сторінка: feminine).
    "unpublished": _l("The page “%(title)s” is no longer published: it is a draft again."),
    # TRANSLATORS: said of a page (Polish strona: feminine; Ukrainian сторінка: feminine).
    "trashed": _l("The page “%(title)s” is in the trash. You can restore it from there."),
    # TRANSLATORS: said of a page (Polish strona: feminine; Ukrainian сторінка: feminine).
    "restored": _l("The page “%(title)s” is restored from the trash."),
}

KIND = kinds.Kind(
    name="page",
    model=Page,
    section=PageText,
    neutral=PageFields,
    label=lazy_pgettext("content kind", "Page"),
    plural_label=_l("Pages"),
    public_endpoint="public.page",
    public_template="pages/page.html",
    url="pages",
    headings={"new": _l("New information page"), "edit": _l("Edit information page"),
              "one": _l("Information page"), "many": _l("Information pages")},
    messages=MESSAGES,
    order=3,
    documents=True,
)


def init_app(app: Flask) -> None:
    kinds.register(app, KIND)
    public.add_page(app, "/info/<slug>", views.page)
    app.context_processor(views.navigation)
