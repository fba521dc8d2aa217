"""seed_demo's demo accounts: one per role, each signing in with the shared password."""

import pytest

from lms.accounts.models import User
from lms.core.management.commands.seed_demo import DEMO_ACCOUNTS, Command

pytestmark = pytest.mark.django_db


def test_every_demo_account_signs_in_with_the_shared_password_and_a_rerun_keeps_it():
    assert Command().ensure_accounts("mật-khẩu-demo") == len(DEMO_ACCOUNTS)
    assert Command().ensure_accounts("another") == 0  # existing accounts keep theirs
    for username, *_rest in DEMO_ACCOUNTS:
        user = User.objects.get(username=username)
        assert user.check_password("mật-khẩu-demo") and not user.check_password("another")
