"""On a 360 px phone the manager's dashboard shows the gap in the first screen,
nothing overflows sideways, and the table drills down to a residential group."""

import pytest
from django.urls import reverse

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREEN = {"width": 360, "height": 740}


def test_dashboard_on_a_phone(live_server, browser, client, manager, ward, figures):
    client.force_login(manager)
    context = browser.new_context(viewport=SCREEN, java_script_enabled=False)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(live_server.url + reverse("movement:index"))
    gap = page.locator(".headline .gap")
    assert "Còn 8 người dân cần được công nhận để đạt 80 %" in gap.inner_text()
    box = gap.bounding_box()
    assert box["y"] + box["height"] <= SCREEN["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREEN["width"]
    page.get_by_role("link", name="Tổ dân phố 2").click()
    assert page.locator("h1").inner_text().startswith("Tổ dân phố 2")
    context.close()
