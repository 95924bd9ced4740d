"""Helpers for the search tests: content in several languages, searched as readers do."""

from __future__ import annotations

import pytest

from portal.images.models import Image
from portal.kinds import kind_named
from portal.service import Change, Via

from ..conftest import check_page


def add_photo(article_id: int, **texts: dict[str, str]) -> int:
    """A photo in an article's gallery with its texts per language (``pl={"alt": …}``)."""
    image_kind, article_kind = kind_named("image"), kind_named("article")
    with Change(None, Via.COMMAND_LINE) as change:
        item = change.load(article_kind, article_id)
        image = Image(article_id=article_id, key=f"k{article_id}", width=800, height=600,
                      renditions={"640": "photo-640.jpg", "1200": "photo-1200.jpg"})
        change.add(image_kind, image)
        for lang, values in texts.items():
            change.write_texts(image_kind, image, lang, values)
        change.record(article_kind, item, "save")
    return image.id


@pytest.fixture
def search(client):
    """``search(lang, q)``: the readers' search page, checked as every page is."""

    def get(lang: str, q: str, **args):
        return check_page(client.get(f"/{lang}/search", query_string={"q": q, **args}), lang)

    return get


def titles(page) -> list[str]:
    return [" ".join(h.get_text(" ").split()) for h in page.select(".search-result h2")]
