"""#17 keyboard (WCAG 2.1.1, 2.4.3, 2.4.7): in Chromium, with the keyboard alone, a figure's source dialog opens,
takes the focus (visibly), closes on Escape and gives the focus back to its button; the briefing deck moves to
the next and previous slide. Waits are for states (`expect`, `wait_for_function`), never for time."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from briefing import specs
from tests.support.browser import wait_for_app

pytestmark = pytest.mark.browser

DIALOG = "[data-testid='stDialog']"
MAX_TABS = 120

# The focused element, and whether it shows a focus indicator: an outline or a box-shadow ring.
FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
  const ring = s.boxShadow && s.boxShadow !== 'none';
  let shown = 1, faded = null;  // the element itself is drawn: no ancestor fades it out (a hover-only toolbar would)
  for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
    const ns = getComputedStyle(n);
    shown *= parseFloat(ns.opacity);
    if (parseFloat(ns.opacity) < 1 && !faded) faded = (n.dataset.testid || n.className || n.tagName);
    if (ns.visibility === 'hidden' || ns.display === 'none') shown = 0;
  }
  const box = el.getBoundingClientRect();
  return {tag: el.tagName, text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 60),
          opacity: shown, faded: faded,
          visible: el.matches(':focus-visible') && (outline || !!ring) && shown > 0.9 && box.width > 0 && box.height > 0,
          inDialog: !!el.closest('[data-testid="stDialog"]'),
          key: (el.closest('[class*="st-key-"]') || {className: ''}).className};
}"""


def _tab_to(page, key: str) -> dict:
    """Press Tab until the focus is inside the element keyed `key`; the focus state there."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if focus and f"st-key-{key}" in focus["key"]:
            return focus
    raise AssertionError(f"Tab never reached {key!r} in {MAX_TABS} presses")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_source_dialog_opens_and_closes_with_the_keyboard_alone(reader_page, app_url, screenshot_dir, lang):
    page = reader_page(1280, 720)
    page.goto(f"{app_url}/budget" + ("?lang=en" if lang == "en" else ""))
    wait_for_app(page, timeout=60_000)
    button = page.locator(".st-key-source_budget_planned button")
    expect(button).to_be_visible()
    focus = _tab_to(page, "source_budget_planned")
    assert focus["visible"], focus  # the button shows that it has the focus
    page.keyboard.press("Enter")
    dialog = page.locator(DIALOG)
    expect(dialog).to_be_visible(timeout=20_000)
    expect(dialog).to_contain_text({"ko": "예산", "en": "Budget"}[lang])
    # the focus moves into the dialog
    page.wait_for_function(f"() => !!document.activeElement?.closest({DIALOG!r})", timeout=10_000)
    # Tab stays inside the dialog and shows where it is
    for _ in range(3):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        assert focus and focus["inDialog"], focus
        assert focus["visible"], focus
    page.screenshot(path=str(screenshot_dir / f"keyboard-source-dialog-{lang}.png"))
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0, timeout=10_000)
    # the focus is back on the button that opened the dialog
    page.wait_for_function("() => !!document.activeElement?.closest('.st-key-source_budget_planned')", timeout=10_000)


def test_the_briefing_deck_moves_with_the_keyboard_alone(reader_page, app_url):
    slides = len(specs())
    page = reader_page(1280, 720)
    page.goto(f"{app_url}/briefing?slide=2")
    wait_for_app(page, timeout=60_000)
    position = page.get_by_test_id("briefing-position")
    expect(position).to_have_text(f"2 / {slides}")
    # the "next" button, reached by Tab and pressed with Enter
    focus = _tab_to(page, "briefing_next")
    assert focus["visible"], focus
    page.keyboard.press("Enter")
    expect(position).to_have_text(f"3 / {slides}")
    expect(page).to_have_url(f"{app_url}/briefing?slide=3")
    # "previous", pressed with Space
    focus = _tab_to(page, "briefing_previous")
    assert focus["visible"], focus
    page.keyboard.press("Space")
    expect(position).to_have_text(f"2 / {slides}")
    # and the arrow keys, from wherever the focus is
    page.keyboard.press("ArrowRight")
    expect(position).to_have_text(f"3 / {slides}")
    page.keyboard.press("ArrowLeft")
    expect(position).to_have_text(f"2 / {slides}")
    expect(page.get_by_test_id("stException")).to_have_count(0)
