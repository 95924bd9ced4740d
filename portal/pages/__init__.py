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
    order=3,
)


def init_app(app: Flask) -> None:
    kinds.register(app, KIND)
    public.add_page(app, "/info/<slug>", views.page)
    app.context_processor(views.navigation)
