"""When bench_data refuses to run: it fills a database with 100,000s of made-up
people, so never on production, never next to real accounts, never twice."""

from __future__ import annotations

import os

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.units.models import Unit

from .plan import PREFIX, PROVINCE_CODE


class Refused(Exception):
    pass


def demo_usernames() -> set[str]:
    from lms.core.management.commands.seed_demo import DEMO_ACCOUNTS

    return {account[0] for account in DEMO_ACCOUNTS}


def real_users():
    """Accounts neither the demo nor a bench run made (the demo class's residents
    have made-up usernames: they are known by name in the demo unit)."""
    from courses.demo import DEMO_RESIDENTS
    from lms.core.management.commands.seed_demo import DEMO_UNIT_CODE

    made_up = Q(username__startswith=PREFIX) | Q(username__startswith="demo-")
    demo_residents = Q(
        home_unit__code=DEMO_UNIT_CODE, full_name__in=[name for name, _year in DEMO_RESIDENTS]
    )
    return (
        User.objects.exclude(made_up).exclude(demo_residents).exclude(username__in=demo_usernames())
    )


def check_may_build(*, i_know: bool) -> None:
    if connection.vendor != "postgresql":
        raise Refused(_("The bench dataset is built on PostgreSQL only (DATABASE_URL)."))
    production = os.environ.get("DJANGO_SETTINGS_MODULE", "").endswith("production")
    if (production or not settings.DEBUG) and not i_know:
        raise Refused(
            _(
                "DEBUG is off or these are production settings: this may be a live site. "
                "Run again with --yes-i-know if this database is a throw-away one."
            )
        )
    if Unit.objects.filter(code=PROVINCE_CODE).exists():
        raise Refused(_("This database already holds a bench dataset; build on a fresh database."))
    real = real_users().count()
    if real:
        raise Refused(
            _("This database holds %(count)s real accounts; the bench dataset is never mixed in.")
            % {"count": real}
        )
