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
