"""What the Wagtail admin's scripts draw is in Vietnamese too: the HTTP test
(tests/cms/test_admin_vietnamese.py) reads the served HTML, but side panels,
the rich-text toolbar, StreamField menus, upload widgets and dialogs are drawn
by JavaScript. Here an editor opens them in headless Chromium and no English
string of Wagtail's catalogues may be on screen."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from cms.demo.permissions import ensure_editorial_setup
from lms.accounts.roles import Role
from tests.cms.fixtures import framework, library, make_image, make_item  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Everything a person can read or hear: text, and the names given to controls.
VISIBLE_STRINGS = """() => {
  const seen = new Set(document.body.innerText.split('\\n'));
  for (const el of document.querySelectorAll('[aria-label],[title],[placeholder],[data-tippy-content]')) {
    if (el.closest('[hidden],template')) continue;
    for (const name of ['aria-label', 'title', 'placeholder', 'data-tippy-content']) {
      const value = el.getAttribute(name);
      if (value) seen.add(value);
    }
  }
  return [...seen].map((s) => s.replace(/\\s+/g, ' ').trim()).filter(Boolean);
}"""


def _wagtail_english() -> set[str]:
    """Every English msgid of Wagtail's catalogues (server and script): a string
    that shows unchanged in a Vietnamese admin was left untranslated."""
    import wagtail
    from babel.messages.pofile import read_po

    english = set()
    for po in Path(wagtail.__file__).parent.glob("**/locale/en/LC_MESSAGES/django*.po"):
        with po.open("rb") as handle:
            english |= {m.id for m in read_po(handle) if isinstance(m.id, str) and len(m.id) > 1}
    return english


def _signed_in(browser, live_server, client, user):
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context


def _open_drawn_parts(page):
    """Press what makes the scripts draw: side panels, the rich-text toolbar,
    the block menu, the keyboard-shortcuts dialog."""
    for toggle in page.locator("[data-side-panel-toggle]").all():
        if toggle.is_visible():
            toggle.click()
            page.wait_for_timeout(150)
    editor = page.locator(".Draftail-Editor [contenteditable=true]").first
    if editor.count():
        editor.click()
        editor.press_sequentially("Chữ thử ")
        editor.press("Control+a")
        page.wait_for_timeout(150)
    adder = page.locator("button.c-sf-add-button").first
    if adder.count() and adder.is_visible():
        adder.click()
        page.wait_for_timeout(150)


def test_what_the_admin_scripts_draw_is_vietnamese(
    live_server,
    browser,
    library,  # noqa: F811
    make_item,  # noqa: F811
    make_user,
    client,
):
    ensure_editorial_setup(library["root"])
    shelf = library["shelves"]["resident"]
    item = make_item("Hướng dẫn thử nghiệm")
    screens = {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore", args=(shelf.pk,)),
        "add_guide": reverse("wagtailadmin_pages:add", args=("cms", "guidepage", shelf.pk)),
        "edit_guide": reverse("wagtailadmin_pages:edit", args=(item.pk,)),
        "images_add": reverse("wagtailimages:add_multiple"),
        "documents_add": reverse("wagtaildocs:add_multiple"),
    }
    english = _wagtail_english()
    context = _signed_in(browser, live_server, client, make_user(Role.EDITOR))
    page = context.new_page()
    shown = {}
    for name, url in screens.items():
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        _open_drawn_parts(page)
        shown[name] = sorted(set(page.evaluate(VISIBLE_STRINGS)))
    context.close()
    if os.environ.get("COLLECT_ENGLISH"):  # a file: candidates to check by eye
        lines = [f"{s}\t{n}" for n, strings in shown.items() for s in strings if s in english]
        Path(os.environ["COLLECT_ENGLISH"]).write_text("\n".join(sorted(lines)))
    # The drawn parts were drawn: the block menu and the StreamField's controls.
    assert {"Chèn một khối", "Thu gọn tất cả", "Nhân bản", "Menu chính"} <= set(shown["edit_guide"])
    leftovers = {
        name: [s for s in strings if s in english and s not in SAME_IN_BOTH]
        for name, strings in shown.items()
    }
    assert {name: found for name, found in leftovers.items() if found} == {}


# Names and codes that read the same in Vietnamese.
SAME_IN_BOTH = {"Wagtail", "URL", "ID", "Email", "HTML", "SEO", "OK"}
