"""What the inclusion tests look at: the demo site's learner, staff pages, and
helpers that measure a page in headless Chromium (axe-core, overflow, targets)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

AXE_DIR = Path(__file__).resolve().parent.parent / "a11y"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# A target smaller than 44×44 CSS px counts, unless it is a link inside running
# text (WCAG 2.5.8's inline exception) or hidden.
SMALL_TARGETS = """() => {
  const selector = 'button, select, textarea, input:not([type=hidden]), a.button, nav a, summary';
  const small = [];
  for (const el of document.querySelectorAll(selector)) {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    let box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (el.matches('input[type=radio], input[type=checkbox]')) {
      const label = el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`));
      if (label) box = label.getBoundingClientRect();
    }
    if (el.closest('.skip-link')) continue;
    if (box.height < 44 || box.width < 44) {
      small.push(`${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''} "${(el.innerText || el.value || el.name || '').trim().slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return small;
}"""


def axe_source() -> str:
    """axe-core from npm (tests/a11y), installed with `npm ci` when missing."""
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        if not npm:
            pytest.skip("npm is not installed: axe-core cannot be fetched")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=AXE_DIR, check=True, timeout=600)
    return script.read_text(encoding="utf-8")


def axe_violations(page, source: str, tags: list[str] | None = None) -> list[str]:
    """axe-core's violations of ``tags`` (WCAG 2.2 A/AA unless told), one line each."""
    page.evaluate(source)
    found = page.evaluate(
        """async (tags) => {
          const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
          return result.violations.map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
        }""",
        tags or WCAG_TAGS,
    )
    return found


def horizontal_overflow(page) -> int:
    """How many CSS px the page is wider than the viewport (0 when it fits)."""
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )


def small_targets(page) -> list[str]:
    return page.evaluate(SMALL_TARGETS)


# What a phone learner meets beyond overflow and targets (issue 15 §5): help texts
# that exist where fields point to them, radio buttons and checkboxes that keep
# their size when their text wraps, videos and infographics as wide as the screen
# allows, and dropdowns wide enough for their longest choice.
PHONE_DETAILS = """() => {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  const name = (el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.name ? '[' + el.name + ']' : ''}`;
  const found = [];
  for (const el of document.querySelectorAll('[aria-describedby]')) {
    for (const id of el.getAttribute('aria-describedby').split(/\\s+/).filter(Boolean))
      if (!document.getElementById(id)) found.push(`${name(el)} describedby missing #${id}`);
  }
  for (const el of document.querySelectorAll('input[type=radio], input[type=checkbox]')) {
    if (!visible(el) || el.closest('.skip-link')) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 20 || r.height < 20) found.push(`${name(el)} ${Math.round(r.width)}x${Math.round(r.height)} px`);
  }
  const room = document.querySelector('main').getBoundingClientRect().width;
  for (const el of document.querySelectorAll('main video, main iframe, .infographic img')) {
    if (!visible(el)) continue;
    const w = el.getBoundingClientRect().width;
    if (w < room * 0.85) found.push(`${name(el)} ${Math.round(w)} of ${Math.round(room)} px`);
  }
  const ctx = document.createElement('canvas').getContext('2d');
  for (const el of document.querySelectorAll('main select')) {
    if (!visible(el)) continue;
    const s = getComputedStyle(el);
    ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - 24;
    for (const option of el.options) {
      const w = ctx.measureText(option.text).width;
      if (w > room) { found.push(`${name(el)} "${option.text.slice(0, 30)}" ${Math.round(w)} > ${Math.round(room)} px`); break; }
    }
  }
  return found;
}"""

# The HTML and everything it loaded, in KB as sent (before any compression).
PAGE_WEIGHT = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  let bytes = nav ? nav.encodedBodySize : 0;
  for (const r of performance.getEntriesByType('resource')) bytes += r.encodedBodySize || 0;
  return Math.round(bytes / 1024);
}"""


def phone_details(page) -> list[str]:
    return page.evaluate(PHONE_DETAILS)


def page_weight_kb(page) -> int:
    return page.evaluate(PAGE_WEIGHT)
