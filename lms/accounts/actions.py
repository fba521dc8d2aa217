"""Every write to accounts goes through these functions: views, API and
commands call them, so the rules live in one place."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.audit.record import record_event
from lms.errors import ActionError, NotFound
from lms.privacy.models import ConsentMethod, ConsentRecord

from .models import PasswordResetCode, User
from .roles import Role, grant_role, learners_only
from .usernames import new_opaque_username

RESET_CODE_LIFETIME = timedelta(hours=24)
RESET_CODE_MAX_FAILURES = 5
RESET_CODE_DIGITS = 8


class AccountError(ActionError, ValueError):
    code = "account_refused"


class NoResetCodeForThisAccount(NotFound):
    # 404, the same for "outside your units" and "not a learner": nothing leaks.
    code = "reset_code_not_allowed"
    default_message = gettext_lazy(
        "No learner account of your units has this id. Staff accounts are reset by email "
        "or by an administrator."
    )


def free_opaque_username() -> str:
    """A username for a phone sign-up that says nothing about the phone."""
    return new_opaque_username(lambda name: User.objects.filter(username__iexact=name).exists())


def do_create_learner(
    *,
    full_name: str,
    password: str,
    phone: str | None = None,
    username: str | None = None,
    email: str = "",
    audience: str = "",
    home_unit=None,
    consented: bool = False,
) -> User:
    """Create a learner account. `phone` must already be normalized; at least one
    of phone and username is given. Duplicates raise AccountError, nothing saved."""
    if not phone and not username:
        raise AccountError(_("Enter a mobile number or a username."))
    username = username or free_opaque_username()
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
            if consented:
                # Agreed on the sign-up form itself (lms/privacy/consent.py).
                ConsentRecord.objects.create(
                    user=user,
                    notice_version=settings.PRIVACY_NOTICE_VERSION,
                    method=ConsentMethod.SIGN_UP,
                )
    except IntegrityError as exc:
        raise AccountError(
            _("An account with this mobile number or username already exists.")
        ) from exc
    return user


def resettable_people(manager):
    """The accounts ``manager`` may issue reset codes for: learners (and only
    learners) whose home unit is in the manager's scope."""
    from lms.units.scope import people_in_scope

    if not manager.is_authenticated or not manager.has_perm("accounts.add_passwordresetcode"):
        return User.objects.none()
    return learners_only(people_in_scope(manager))


def access_reset_code_target(manager, user_id) -> User:
    """The learner a code is about to be issued for, or NoResetCodeForThisAccount."""
    person = resettable_people(manager).filter(pk=user_id).first()
    if person is None:
        raise NoResetCodeForThisAccount()
    return person


def do_issue_reset_code(*, user: User, issued_by: User) -> str:
    """Issue a one-time password reset code for a learner without email; earlier
    unused codes stop working. Returns the code, which is never stored in clear.
    The rule is checked here again, inside the transaction, so no caller (view,
    API, admin, command) can issue a code for a staff account."""
    code = "".join(secrets.choice("0123456789") for _i in range(RESET_CODE_DIGITS))
    with transaction.atomic():
        target = resettable_people(issued_by).filter(pk=user.pk).first()
        if target is None:
            raise NoResetCodeForThisAccount()
        PasswordResetCode.objects.filter(user=target, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        reset = PasswordResetCode.objects.create(
            user=target,
            code_hash=make_password(code),
            issued_by=issued_by,
            expires_at=timezone.now() + RESET_CODE_LIFETIME,
        )
        record_event(
            actor=issued_by,
            verb="accounts.reset_code_issued",
            target=target,
            unit=target.home_unit,
            extra={"code_id": reset.pk, "expires_at": reset.expires_at.isoformat()},
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
        elif not learners_only(User.objects.filter(pk=user.pk)).exists():
            # Given a role since the code was issued: staff accounts never reset by code.
            reset.used_at = timezone.now()
            reset.save(update_fields=["used_at"])
        else:
            user.set_password(new_password)
            user.save(update_fields=["password"])
            reset.used_at = reset.password_set_at = timezone.now()
            reset.save(update_fields=["used_at", "password_set_at"])
            # Whoever typed the code is anonymous: the trail names the code's issuer.
            record_event(
                actor=None,
                verb="accounts.password_reset_by_code",
                target=user,
                unit=user.home_unit,
                extra={
                    "code_id": reset.pk,
                    "issued_by": reset.issued_by.get_username() if reset.issued_by else "",
                },
            )
            return
    # Raised outside the transaction so the counted failure is kept.
    raise invalid


def reset_notices(user) -> list[str]:
    """The messages to show ``user`` at sign-in about passwords set with a code
    since they last signed in, marking them shown (each is shown once)."""
    pending = list(
        PasswordResetCode.objects.filter(
            user=user, password_set_at__isnull=False, notice_shown_at__isnull=True
        )
        .select_related("issued_by__home_unit", "user__home_unit")
        .order_by("password_set_at")
    )
    if not pending:
        return []
    PasswordResetCode.objects.filter(pk__in=[r.pk for r in pending]).update(
        notice_shown_at=timezone.now()
    )
    notices = []
    for reset in pending:
        issuer = reset.issued_by
        unit = (issuer.home_unit if issuer else None) or reset.user.home_unit
        notices.append(
            _(
                "Your password was reset on %(when)s with a code issued by your unit "
                "(%(unit)s). If that was not you, contact your unit straight away."
            )
            % {
                "when": timezone.localtime(reset.password_set_at).strftime("%d/%m/%Y %H:%M"),
                "unit": unit.name if unit else _("unit manager"),
            }
        )
    return notices


def tell_owner_about_reset_codes(sender, request, user, **kwargs):
    """user_logged_in receiver: any interactive sign-in shows the notices."""
    from django.contrib import messages

    if request is None:
        return
    for notice in reset_notices(user):
        messages.warning(request, notice)
