"""PIN guessing: wrong PINs are limited per address, with room for a whole hall
behind one address; right PINs never count; the QR code on the screen always gets
in; wrong rejoin codes lock rejoining one session, never joining it."""

import pytest
from django.urls import reverse

from assessments.live import actions, errors, guessing
from assessments.live.models import Participant

pytestmark = pytest.mark.django_db
HALL = "203.0.113.50"
ELSEWHERE = "198.51.100.7"


def a_wrong_pin(session):
    return "100000" if session.pin != "100000" else "100001"


def test_a_hall_of_300_phones_mistyping_never_reaches_the_limit(session):
    # Every phone in the hall (one address) types a wrong PIN once, then the right one.
    for _phone in range(300):
        with pytest.raises(errors.SessionNotFound):
            actions.access_session_by_pin(a_wrong_pin(session), ip=HALL)
        assert actions.access_session_by_pin(session.pin, ip=HALL) == session


def test_right_pins_never_count(session, settings):
    settings.LIVE_PIN_FAILURE_LIMIT = 3
    for _phone in range(50):
        actions.access_session_by_pin(session.pin, ip=HALL)
    for _guess in range(2):
        with pytest.raises(errors.SessionNotFound):
            actions.access_session_by_pin("999999x", ip=HALL)
    assert actions.access_session_by_pin(session.pin, ip=HALL) == session


def join(client, session, name, address=HALL, **extra):
    return client.post(
        reverse("live:join"), {"pin": session.pin, "name": name, **extra}, REMOTE_ADDR=address
    )


def test_an_address_over_its_limit_still_joins_with_the_qr_code(client, session, settings):
    settings.LIVE_PIN_FAILURE_LIMIT = 2
    for _guess in range(2):
        wrong = client.post(
            reverse("live:join"), {"pin": a_wrong_pin(session), "name": "X"}, REMOTE_ADDR=HALL
        )
        assert wrong.status_code == 404
    # A typed PIN from that address waits, right or wrong: the answer tells a guesser nothing.
    typed = join(client, session, "An")
    assert typed.status_code == 429
    assert "mã QR" in typed.content.decode()
    # The QR code on the projector carries the session's join key: never refused.
    scanned = join(client, session, "An", key=guessing.join_key(session))
    assert scanned.status_code == 302
    assert join(client, session, "Bình", address=ELSEWHERE).status_code == 302
    assert set(Participant.objects.values_list("display_name", flat=True)) == {"An", "Bình"}


def test_a_forged_join_key_is_just_a_typed_pin(client, session, settings):
    settings.LIVE_PIN_FAILURE_LIMIT = 1
    client.post(reverse("live:join"), {"pin": a_wrong_pin(session), "name": "X"}, REMOTE_ADDR=HALL)
    assert join(client, session, "An", key="0" * 16).status_code == 429


def test_the_projector_qr_code_carries_the_join_key(client, session, instructor):
    client.force_login(instructor)
    page = client.get(reverse("live:present", args=[session.pin]))
    assert f"key={guessing.join_key(session)}" in page.context["join_url"]


def test_wrong_rejoin_codes_lock_rejoining_the_session_not_joining_it(client, session, settings):
    settings.LIVE_REJOIN_FAILURE_LIMIT = 3
    an = Participant.objects.get(pk=actions.do_join(session, name="An").pk)
    for index in range(3):  # from three addresses: the limit is the session's
        wrong = join(client, session, "", address=f"10.0.0.{index}", rejoin_code="ZZZZZZ")
        assert wrong.status_code == 404
    refused = join(client, session, "", address=ELSEWHERE, rejoin_code=an.rejoin_code)
    assert refused.status_code == 429
    # Joining with the right PIN is never refused because others guessed codes wrong.
    assert join(client, session, "Bình", address=ELSEWHERE).status_code == 302
