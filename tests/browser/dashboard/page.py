"""The dashboard (``/_mock/``) as a user drives it: a page object for its tests.

It finds things by role and name where a user would (buttons, fields), and by the page's data
hooks where a test must read state: ``body[data-ready]`` once loaded; ``#clock[data-now]``
(epoch seconds) and ``[data-mode]``; ``#timeline[data-from][data-to]`` (the window shown) holding
``.post[data-post][data-status]`` buttons, ``[data-changed]`` on those the last move executed;
``#report-list li[data-post]``; ``#page-failures li[data-page][data-failure]``;
``#fault-list li[data-fault]``; ``#request-list details[data-request-id][data-status]``;
``#snapshot-list li[data-snapshot]``; ``#post-dialog[data-post]`` with ``#post-json``;
``#status[data-kind]`` (``info`` or ``error``).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page, expect

# Where the screenshots also go when set (the README's images: SOCIALPOST_SCREENSHOTS=docs).
SCREENSHOTS_ENV = "SOCIALPOST_SCREENSHOTS"


@dataclass
class Dashboard:
    page: Page
    url: str  # the mock's base URL, with a /_sessions/<name> prefix for a session

    def open(self) -> Dashboard:
        self.page.goto(f"{self.url}/_mock/")
        expect(self.page.locator("body")).to_have_attribute("data-ready", "true")
        return self

    # -- reading ----------------------------------------------------------------------------

    @property
    def status(self) -> Locator:
        return self.page.locator("#status")

    def clock_now(self) -> float:
        return float(self.page.locator("#clock").get_attribute("data-now") or "nan")

    def wait_for_clock(self, now: float) -> None:
        """Until the clock panel shows ``now`` (to the millisecond)."""
        self.page.wait_for_function(
            "now => Math.abs(Number(document.querySelector('#clock').dataset.now) - now) < 1e-3",
            arg=now)

    def window(self) -> tuple[float, float]:
        """The timeline's window, epoch seconds, start included and end excluded."""
        timeline = self.page.locator("#timeline")
        return (float(timeline.get_attribute("data-from") or "nan"),
                float(timeline.get_attribute("data-to") or "nan"))

    def timeline_posts(self) -> dict[str, str]:
        """The posts on the time axis (drafts excluded): id -> data-status."""
        found: dict[str, str] = self.page.evaluate("""() => Object.fromEntries(
            [...document.querySelectorAll('#timeline .post')]
              .map(b => [b.dataset.post, b.dataset.status]))""")
        return found

    def changed_posts(self) -> dict[str, str]:
        """The posts marked as changed by the last move: id -> the status it went to."""
        found: dict[str, str] = self.page.evaluate("""() => Object.fromEntries(
            [...document.querySelectorAll('#timeline .post[data-changed]')]
              .map(b => [b.dataset.post, b.dataset.changed]))""")
        return found

    def draft_ids(self) -> set[str]:
        ids: list[str] = self.page.evaluate(
            "() => [...document.querySelectorAll('#drafts .post')].map(b => b.dataset.post)")
        return set(ids)

    def post(self, post_id: str) -> Locator:
        return self.page.locator(f'#timeline .post[data-post="{post_id}"]')

    def horizontal_overflow(self) -> int:
        """How many pixels the page is wider than the window (0: no horizontal scroll)."""
        overflow: int = self.page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        return overflow

    # -- acting -----------------------------------------------------------------------------

    def button(self, name: str) -> Locator:
        return self.page.get_by_role("button", name=name, exact=True)

    def move_clock(self, button: str) -> None:
        """Press a clock button and wait until the page shows what the move did."""
        self.button(button).click()
        expect(self.status).to_contain_text("Clock moved")

    def open_post(self, post_id: str) -> dict[str, Any]:
        """Click a post on the timeline; answer the JSON its dialog shows."""
        self.post(post_id).click()
        return self.shown_post()

    def shown_post(self) -> dict[str, Any]:
        dialog = self.page.locator("#post-dialog")
        expect(dialog).to_be_visible()
        shown: dict[str, Any] = json.loads(dialog.locator("#post-json").inner_text())
        return shown

    def close_post(self) -> None:
        self.page.locator("#post-dialog").get_by_role("button", name="Close").click()
        expect(self.page.locator("#post-dialog")).to_be_hidden()

    def add_fault(self, **fields: str) -> None:
        """Fill the fault form (field name -> value) and add the rule."""
        form = self.page.locator("#fault-form")
        for name, value in fields.items():
            field = form.locator(f'[name="{name}"]')
            if field.evaluate("el => el.tagName") == "SELECT":
                field.select_option(value)
            else:
                field.fill(value)
        form.get_by_role("button", name="Add rule").click()

    def screenshot(self, name: str, directory: Path) -> list[Path]:
        """The viewport as ``name`` in ``directory``, and in $SOCIALPOST_SCREENSHOTS if set."""
        targets = [directory / name]
        if os.environ.get(SCREENSHOTS_ENV):
            targets.append(Path(os.environ[SCREENSHOTS_ENV]) / name)
        # The "changed" marks pulse for a few seconds: shoot them as they settle.
        self.page.wait_for_timeout(100)
        image = self.page.screenshot(animations="disabled")
        for target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(image)
        return targets
