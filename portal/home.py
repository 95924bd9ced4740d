"""The readers' home page: the latest news and the newest awards."""

from flask import render_template
from flask_babel import gettext as _

from .awards.models import Award
from .news.models import Article


def home():
    return render_template(
        "home.html", heading=_("Welcome"), articles=Article.latest(5), awards=Award.newest(3)
    )
