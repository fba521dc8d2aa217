"""On a 360 px phone the manager's dashboard shows the gap in the first screen,
nothing overflows sideways, and the table drills down to a residential group."""

import pytest
from django.urls import reverse
from django.utils import timezone

from movement import actions

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREEN = {"width": 360, "height": 740}


def test_dashboard_on_a_phone(live_server, browser, client, manager, ward, residents):
    today = timezone.localdate()
    actions.do_set_target(
        actor=manager,
        unit=ward["ward"],
        audience="resident",
        year=today.year,
        indicator="certified",
        percent=80,
    )
    for key, value in (("g1", 3), ("g2", 10)):
        actions.do_record_population(
            actor=manager,
            unit=ward[key],
            audience="resident",
            value=value,
            source="Thống kê",
            as_of=today,
        )
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
