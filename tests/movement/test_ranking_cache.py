"""The public ranking board on the ward's screen: a refresh reads nothing from
the database, and a write that changes it (a certificate, the board made
private) shows on the next request."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from movement import actions

pytestmark = pytest.mark.django_db


def open_ranking(client, unit):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("movement:ranking", args=[unit.code]))
    reads = [
        q["sql"]
        for q in captured
        if '"units_unit"' in q["sql"] or '"movement_' in q["sql"] or '"courses_' in q["sql"]
    ]
    return response, reads


def test_a_refresh_of_the_ranking_reads_nothing(client, manager, ward, residents):
    actions.do_set_ranking(actor=manager, unit=ward["ward"], is_public=True)
    first, _reads = open_ranking(client, ward["ward"])
    assert first.status_code == 200
    again, reads = open_ranking(client, ward["ward"])
    assert again.status_code == 200 and reads == []
    assert again.content.decode().count("Tổ dân phố") == first.content.decode().count("Tổ dân phố")


def test_writes_show_on_the_next_ranking_request(
    client,
    manager,
    make_user,
    ward,
    residents,
    certify,
    figures,
):
    actions.do_set_ranking(actor=manager, unit=ward["ward"], is_public=True)
    before, _reads = open_ranking(client, ward["ward"])
    certify(make_user(home_unit=ward["g2"], audience="resident"))
    after, _reads = open_ranking(client, ward["ward"])
    # Group 2: 1 then 2 certified of its 10 residents.
    assert "10,0 %" in before.content.decode() and "20,0 %" in after.content.decode()
    actions.do_set_ranking(actor=manager, unit=ward["ward"], is_public=False)
    hidden, _reads = open_ranking(client, ward["ward"])
    assert hidden.status_code == 404


def test_a_visitor_refresh_renders_no_template_and_gets_its_own_csrf_token(
    client, manager, ward, residents
):
    """The ward's screen is anonymous: the whole page is kept rendered, and the
    token in its forms (the easy-reading switch) is swapped for the visitor's."""
    from django.test import Client

    actions.do_set_ranking(actor=manager, unit=ward["ward"], is_public=True)
    first, _reads = open_ranking(client, ward["ward"])
    assert first.status_code == 200 and first.templates
    other = Client(enforce_csrf_checks=True)
    again, reads = open_ranking(other, ward["ward"])
    assert again.status_code == 200 and reads == [] and not again.templates
    assert again.content.decode().count("Tổ dân phố") == first.content.decode().count("Tổ dân phố")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', again.content.decode())[1]
    easy = other.post(reverse("inclusion:toggle_easy_mode"), {"csrfmiddlewaretoken": token})
    assert easy.status_code == 302  # the visitor's own token passes the CSRF check


def test_a_signed_in_visitor_sees_their_own_header(client, manager, ward, residents):
    actions.do_set_ranking(actor=manager, unit=ward["ward"], is_public=True)
    open_ranking(client, ward["ward"])  # kept rendered for visitors
    client.force_login(manager)
    page, _reads = open_ranking(client, ward["ward"])
    assert page.status_code == 200 and reverse("accounts:logout") in page.content.decode()
