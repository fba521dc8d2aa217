"""Every write to accounts goes through these functions: views, API and
commands call them, so the rules live in one place."""

import secrets
from datetime import timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import PasswordResetCode, User
from .roles import Role, grant_role

RESET_CODE_LIFETIME = timedelta(hours=24)
RESET_CODE_MAX_FAILURES = 5
RESET_CODE_DIGITS = 8


class AccountError(ValueError):
    pass


def username_for_phone(phone: str) -> str:
    return "u" + phone.lstrip("+")


def do_create_learner(
    *,
    full_name: str,
    password: str,
    phone: str | None = None,
    username: str | None = None,
    email: str = "",
    audience: str = "",
    home_unit=None,
) -> User:
    """Create a learner account. `phone` must already be normalized; at least one
    of phone and username is given. Duplicates raise AccountError, nothing saved."""
    if not phone and not username:
        raise AccountError(_("Enter a mobile number or a username."))
    username = username or username_for_phone(phone)
    try:
        with transaction.atomic():
            user = User(
                username=username,
                full_name=" ".join(full_name.split()),
                phone=phone or None,
                email=email or "",
                audience=audience or "",
                home_unit=home_unit,
            )
            user.set_password(password)
            user.save()
            grant_role(user, Role.LEARNER)
    except IntegrityError as exc:
        raise AccountError(
            _("An account with this mobile number or username already exists.")
        ) from exc
    return user


def do_issue_reset_code(*, user: User, issued_by: User) -> str:
    """Issue a one-time password reset code for a learner without email; earlier
    unused codes stop working. Returns the code, which is never stored in clear."""
    code = "".join(secrets.choice("0123456789") for _i in range(RESET_CODE_DIGITS))
    with transaction.atomic():
        PasswordResetCode.objects.filter(user=user, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        PasswordResetCode.objects.create(
            user=user,
            code_hash=make_password(code),
            issued_by=issued_by,
            expires_at=timezone.now() + RESET_CODE_LIFETIME,
        )
    return code


def invalid_reset_code_error() -> AccountError:
    return AccountError(
        _("The reset code is wrong or has expired. Ask your unit manager for a new one.")
    )


def _hash_for_nothing(code: str) -> None:
    """The work of checking a code, where there is none: the answer then takes
    the same time whether or not the account exists and has a pending code."""
    make_password(code or "")


def check_reset_code_and_set_password(*, user: User | None, code: str, new_password: str) -> None:
    """Use a reset code: sets the password and spends the code. A wrong code
    counts against the code; after RESET_CODE_MAX_FAILURES it stops working.
    An unknown user gets the same error as a wrong code."""
    invalid = invalid_reset_code_error()
    if user is None:
        _hash_for_nothing(code)
        raise invalid
    with transaction.atomic():
        reset = (
            PasswordResetCode.objects.select_for_update()
            .filter(user=user, used_at__isnull=True, expires_at__gt=timezone.now())
            .order_by("-created_at")
            .first()
        )
        if reset is None:
            _hash_for_nothing(code)
            raise invalid
        if not check_password((code or "").strip(), reset.code_hash):
            reset.failed_attempts += 1
            if reset.failed_attempts >= RESET_CODE_MAX_FAILURES:
                reset.used_at = timezone.now()
            reset.save(update_fields=["failed_attempts", "used_at"])
        else:
            user.set_password(new_password)
            user.save(update_fields=["password"])
            reset.used_at = timezone.now()
            reset.save(update_fields=["used_at"])
            return
    # Raised outside the transaction so the counted failure is kept.
    raise invalid
