"""Login cards: printed with name, QR and short code (never a password), stored
hashed, signing in for the browser session only, revocable and reissuable, and
rate-limited per card so a hall full of learners is never locked out."""

import re

import pytest
from django.urls import reverse

from courses.classes import card_codes
from courses.models import LoginCard
from lms.audit.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
HALL = "203.0.113.50"
CODE = re.compile(r'class="card-code">([A-Z0-9-]+)<')


def _print_cards(client, community_class, learner_ids=()):
    response = client.post(
        reverse("classes:print_cards", args=[community_class.pk]), {"learner": list(learner_ids)}
    )
    assert response.status_code == 200
    return response.content.decode()


def _sign_in(client, code, address=HALL):
    return client.post(reverse("classes:card_sign_in"), {"code": code}, REMOTE_ADDR=address)


def test_the_sheet_shows_names_qr_codes_and_never_a_password(
    client, people, community_class, add_members
):
    learners = add_members(3)
    client.force_login(people["instructor"])
    sheet = _print_cards(client, community_class)
    codes = CODE.findall(sheet)
    assert len(codes) == 3 and sheet.count("<svg") == 3
    for learner in learners:
        assert learner.full_name in sheet
    assert PASSWORD not in sheet and "mật khẩu" not in sheet.split("card-sheet")[1].lower()
    for code, card in zip(sorted(codes), LoginCard.objects.order_by("lookup"), strict=True):
        lookup, secret = card_codes.split(code)
        assert card.lookup == lookup and secret not in card.secret_hash
        assert card.secret_hash == card_codes.hash_secret(secret)
    assert AuditEvent.objects.filter(verb="courses.login_cards_issued").count() == 1


def test_a_card_signs_in_for_this_browser_session_only(
    client, people, community_class, add_members
):
    (learner,) = add_members(1)
    client.force_login(people["instructor"])
    code = CODE.findall(_print_cards(client, community_class))[0]
    client.logout()
    qr_page = client.get(reverse("classes:card_sign_in") + "?c=" + code.replace("-", "").lower())
    assert code in qr_page.content.decode()
    assert "_auth_user_id" not in client.session  # opening the QR link alone signs nobody in
    response = _sign_in(client, code.lower())
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == learner.pk
    assert client.session.get_expire_at_browser_close()
    assert AuditEvent.objects.filter(verb="courses.login_card_used", actor=learner).exists()


def test_a_revoked_card_is_refused_with_a_clear_message(
    client, people, community_class, add_members
):
    (learner,) = add_members(1)
    client.force_login(people["instructor"])
    old = CODE.findall(_print_cards(client, community_class))[0]
    client.post(reverse("classes:revoke_card", args=[community_class.pk, learner.pk]))
    revoked = AuditEvent.objects.get(verb="courses.login_card_revoked")
    assert revoked.actor == people["instructor"]
    client.logout()
    response = _sign_in(client, old)
    assert response.status_code == 403
    assert "Thẻ đăng nhập này đã bị thu hồi" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not AuditEvent.objects.filter(verb="courses.login_card_used").exists()


def test_reissuing_a_card_retires_the_old_one(client, people, community_class, add_members):
    first, second = add_members(2)
    client.force_login(people["instructor"])
    codes = dict(
        zip(
            [first.pk, second.pk],
            CODE.findall(_print_cards(client, community_class, [first.pk, second.pk])),
            strict=False,
        )
    )
    new = CODE.findall(_print_cards(client, community_class, [first.pk]))
    assert len(new) == 1
    client.logout()
    assert _sign_in(client, new[0]).status_code == 302
    client.logout()
    assert _sign_in(client, codes[first.pk]).status_code == 403


def test_wrong_codes_count_per_card_so_the_hall_is_not_locked_out(
    client, people, community_class, add_members, settings
):
    settings.LOGIN_CARD_FAILURES_PER_CARD = "3/h"
    first, second = add_members(2)
    client.force_login(people["instructor"])
    sheet = _print_cards(client, community_class, [first.pk, second.pk])
    codes = CODE.findall(sheet)
    client.logout()
    target = codes[0]
    wrong = target[:5] + ("2222-2222" if target[5:] != "2222-2222" else "3333-3333")
    for _attempt in range(3):
        assert _sign_in(client, wrong).status_code == 403
    assert _sign_in(client, target).status_code == 429  # that card now waits
    # Another learner at the same hall address signs in as usual.
    assert _sign_in(client, codes[1]).status_code == 302


def test_other_staff_cannot_issue_or_revoke_cards(client, people, community_class, add_members):
    (learner,) = add_members(1)
    client.force_login(people["other_instructor"])
    assert client.post(reverse("classes:print_cards", args=[community_class.pk])).status_code == 404
    assert (
        client.post(
            reverse("classes:revoke_card", args=[community_class.pk, learner.pk])
        ).status_code
        == 404
    )
    assert not LoginCard.objects.exists()


def test_cards_are_never_issued_to_or_used_by_staff_accounts(
    client, people, community_class, add_members
):
    from lms.accounts.roles import Role, grant_role

    first, second = add_members(2)
    grant_role(second, Role.INSTRUCTOR)
    client.force_login(people["instructor"])
    sheet = _print_cards(client, community_class)
    assert first.full_name in sheet and second.full_name not in sheet
    code = CODE.findall(sheet)[0]
    grant_role(first, Role.UNIT_MANAGER)  # a role given after the card was printed
    client.logout()
    assert _sign_in(client, code).status_code == 403
    assert "_auth_user_id" not in client.session
