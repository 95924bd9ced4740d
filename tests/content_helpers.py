"""Helpers for the content editor's tests: read a form as a browser would, make test photos."""

from __future__ import annotations

import io

from bs4 import BeautifulSoup
from PIL import Image as PILImage


def form_values(html: str, form_id: str | None = "edit-form") -> dict[str, str]:
    """What a browser would send from the form as shown (no button, no file); ``None``: the
    first form of the page's main part."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", id=form_id) if form_id else soup.select_one("main form")
    assert form is not None, f"no form #{form_id}"
    values: dict[str, str] = {}
    for tag in form.find_all(["input", "textarea", "select"]):
        name = tag.get("name")
        kind = tag.get("type", "text")
        if not name or kind in ("submit", "file", "button"):
            continue
        if kind in ("checkbox", "radio"):
            if tag.has_attr("checked"):
                values[name] = tag.get("value", "y")
            continue
        if tag.name == "textarea":
            # A browser drops the newline that opens a text area's content.
            values[name] = tag.get_text().removeprefix("\r\n").removeprefix("\n")
        elif tag.name == "select":
            chosen = tag.find("option", selected=True) or tag.find("option")
            values[name] = chosen.get("value", "") if chosen else ""
        else:
            values[name] = tag.get("value", "")
    return values


def edit_form(client, url: str) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return form_values(response.get_data(as_text=True))


def photo(
    size: tuple[int, int] = (400, 200),
    color: str = "red",
    fmt: str = "JPEG",
    orientation: int | None = None,
    gps: bool = False,
) -> bytes:
    """A small picture; optionally with an EXIF orientation and a GPS position."""
    image = PILImage.new("RGB", size, color)
    image.paste((0, 0, 255), (0, 0, size[0] // 4, size[1] // 4))  # a marker, top left
    exif = PILImage.Exif()
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x010F] = "TestCamera"
        gps_ifd = exif.get_ifd(0x8825)
        gps_ifd[1] = "N"
        gps_ifd[2] = (52.0, 13.0, 30.0)
        gps_ifd[3] = "E"
        gps_ifd[4] = (21.0, 0.0, 45.0)
    buffer = io.BytesIO()
    kwargs = {"exif": exif.tobytes()} if (orientation or gps) else {}
    image.save(buffer, fmt, **kwargs)
    return buffer.getvalue()


def asks(response) -> bool:
    """The answer is a page that asks before a step (publishing changes, unpublishing …)."""
    return response.status_code == 200 and 'class="form confirm-form"' in response.get_data(
        as_text=True)


def answer_yes(client, response):
    """Confirm the step if the answer asks first; else the answer as it is."""
    return confirm(client, response) if asks(response) else response


def publish_changes(client, url: str, **fields):
    """Edit a published item's form and publish the changes (saying yes when asked)."""
    data = edit_form(client, url)
    data.update(fields, action="publish")
    return answer_yes(client, client.post(url, data=data))


def save_live(client, url: str, **fields):
    """Change an item as readers see it, through its form: a published one's changes are
    published (said yes to), a draft is saved. ``fields`` go into the form as typed."""
    page = client.get(url).get_data(as_text=True)
    data = form_values(page)
    data.update(fields, action="publish" if 'id="draft-state"' in page else "save")
    return answer_yes(client, client.post(url, data=data))


def confirm(client, response):
    """Answer "yes" on the page a destructive step asks on (the form it shows, sent as it is)."""
    assert response.status_code == 200, response.status_code
    values = form_values(response.get_data(as_text=True), form_id=None)
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    form = soup.select_one("main form")
    return client.post(form["action"], data=values)
