"""What the editor says of an item agrees with its kind's gender in Polish and Ukrainian."""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from portal.editor.publication import NEUTRAL, message
from portal.kinds import kind_named

from ..conftest import check_page
from ..content_helpers import edit_form

# The kind's noun and the agreeing past participle (Polish), the noun in the accusative
# (Ukrainian), as a reader of each language expects them.
POLISH = {"article": ("Artykuł", "opublikowany"), "award": ("Wyróżnienie", "opublikowane"),
          "page": ("Strona", "opublikowana")}
UKRAINIAN = {"article": "Статтю", "award": "Відзнаку", "page": "Сторінку"}


@pytest.mark.parametrize("kind_name", sorted(POLISH))
@pytest.mark.parametrize("name", sorted(NEUTRAL))
def test_each_message_agrees_with_its_kind(app, kind_name, name):
    noun, participle = POLISH[kind_name]
    with app.test_request_context():
        kind = kind_named(kind_name)
        assert set(kind.messages) == set(NEUTRAL)
        moments = {"when": "1.07.2027, 12:00", "until": "1.08.2027, 12:00"}
        with force_locale("pl"):
            polish = message(kind, name, title="Festyn", **moments)
        with force_locale("uk"):
            ukrainian = message(kind, name, title="Festyn", **moments)
        with force_locale("en"):
            english = message(kind, name, title="Festyn", **moments)
    assert polish.startswith(f"{noun} „Festyn”"), polish
    if name not in ("trashed", "restored"):
        assert participle in polish, polish
    assert ukrainian.startswith(f"{UKRAINIAN[kind_name]} «Festyn»"), ukrainian
    assert english.startswith(f"The {kind_name} “Festyn”"), english


def test_a_kind_without_messages_of_its_own_gets_the_neutral_ones(app):
    with app.test_request_context(), force_locale("pl"):
        photo = kind_named("image")
        assert message(photo, "trashed", title="Zdjęcie") == (
            "Pozycja „Zdjęcie” jest w koszu. Możesz ją stamtąd przywrócić.")


def test_publishing_a_page_says_so_in_the_feminine(demo, client, staff):
    staff("editor")
    data = edit_form(client, "/staff/pages/1")
    data["action"] = "unpublish"
    data["confirmed"] = "unpublish"  # as the page that asks first sends it
    shown = check_page(client.post("/staff/pages/1", data=data, follow_redirects=True), "pl")
    flash = shown.one(".flash").get_text(" ", strip=True)
    assert flash.startswith("Strona „O Ośrodku” nie jest już opublikowana"), flash
