"""The hostile uploads' count, at the end of a run that had them."""

from __future__ import annotations

from collections import Counter


def pytest_terminal_summary(terminalreporter) -> None:
    """Files tried, refused, accepted and cleaned, from what each test recorded (this works
    with pytest-xdist too: recorded properties travel with the workers' reports)."""
    outcomes: Counter[str] = Counter()
    failed = 0
    for status in ("passed", "failed"):
        for report in terminalreporter.stats.get(status, []):
            if getattr(report, "when", "") != "call":
                continue
            if "test_hostile_uploads.py" not in getattr(report, "nodeid", ""):
                continue
            recorded = dict(getattr(report, "user_properties", []))
            if status == "failed":
                failed += 1
            elif "upload" in recorded:
                outcomes[recorded["upload"]] += 1
    tried = sum(outcomes.values()) + failed
    if tried:
        terminalreporter.write_line(
            f"hostile uploads: {tried} tried, {outcomes['refused']} refused, "
            f"{outcomes['accepted and cleaned']} accepted and cleaned, {failed} failed")
