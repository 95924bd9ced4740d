"""Rules of the code a reviewer would otherwise have to remember: every place that marks text
as safe HTML says why it is."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARKS = re.compile(r"\|\s*safe\b|Markup\(")


def places() -> list[tuple[Path, int, list[str]]]:
    found = []
    for path in sorted([*ROOT.glob("templates/**/*.html"), *ROOT.glob("portal/**/*.py"),
                        *ROOT.glob("portal/**/templates/**/*.html")]):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if MARKS.search(line):
                found.append((path, number, lines))
    return found


def test_there_are_places_to_check():
    assert len(places()) >= 5  # the article body, the page body, the statement …


def test_every_safe_mark_says_why_on_the_line_before():
    unexplained = [
        f"{path.relative_to(ROOT)}:{number + 1}"
        for path, number, lines in places()
        if "safe:" not in lines[number] and (number == 0 or "safe:" not in lines[number - 1])
    ]
    assert unexplained == [], "say why it is safe in a comment starting 'safe:'"
