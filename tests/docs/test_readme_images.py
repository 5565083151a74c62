"""The README's images: each one it shows is a PNG in the repository, taken by a test."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IMAGE = re.compile(r"!\[([^\]]+)\]\(([^)]+)\)")


def test_every_image_the_readme_shows_is_a_png_under_docs() -> None:
    images = IMAGE.findall((ROOT / "README.md").read_text(encoding="utf-8"))

    assert {target for _, target in images} == {
        "docs/dashboard-timeline.png", "docs/dashboard-after-advance.png"}
    for alt, target in images:
        assert alt.strip(), f"{target} has no alternative text"
        assert (ROOT / target).read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), target


def test_the_screenshots_are_the_ones_the_browser_test_saves() -> None:
    test = (ROOT / "tests/browser/dashboard/test_timeline.py").read_text(encoding="utf-8")

    for name in ("dashboard-timeline.png", "dashboard-after-advance.png"):
        assert f'"{name}"' in test, name
