"""Load everything a new site needs to show itself: units, the framework, one
demo account per role, and each app's demo content. Safe to run again."""

import importlib
import secrets

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from lms.accounts.models import User
from lms.accounts.roles import Role, grant_role
from lms.units.models import Unit

DEMO_UNIT_CODE = "00070"  # Phường Hoàn Kiếm, Hà Nội
# Each may have demo.seed(stdout); certificates come after the quizzes they rest on.
DEMO_APPS = ["cms", "assessments", "assessments.certificates", "courses", "movement"]
# Demo modules named in full: the demo courses (cms, built from the demo library)
# come after the completion quizzes they end with; the demo classes then follow one.
DEMO_MODULES = ["cms.demo.courses", "courses.demo_links"]

DEMO_ACCOUNTS = [
    # username, full name, role, phone, audience
    ("admin", "Quản trị Hệ thống", Role.ADMINISTRATOR, None, ""),
    ("bientap", "Trần Thu Hà", Role.EDITOR, None, ""),
    ("kiemduyet", "Lê Văn Dũng", Role.REVIEWER, None, ""),
    ("giangvien", "Phạm Minh Đức", Role.INSTRUCTOR, None, "resident"),
    ("quanly", "Đặng Ỷ Lan", Role.UNIT_MANAGER, None, "official"),
    ("hocvien", "Nguyễn Thị Hồng Nhung", Role.LEARNER, "+84912345678", "resident"),
]


class Command(BaseCommand):
    help = "Load units, the skills framework, demo accounts and demo content (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--skip-units", action="store_true", help="do not load 3,355 units")

    def handle(self, *args, skip_units=False, **options):
        if not skip_units:
            call_command("load_units", stdout=self.stdout)
        call_command("load_framework", stdout=self.stdout)
        show_logins = getattr(settings, "SHOW_DEMO_LOGINS", False)
        password = settings.DEMO_PASSWORD if show_logins else secrets.token_urlsafe(18)
        created = self.ensure_accounts(password)
        for name in [f"{app}.demo" for app in DEMO_APPS] + DEMO_MODULES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError:
                continue
            module.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        if show_logins:
            self.stdout.write(f"\nDemo accounts (password for all: {password})")
            for username, full_name, role, phone, _audience in DEMO_ACCOUNTS:
                login = phone.replace("+84", "0") if phone else username
                self.stdout.write(f"  {role.label:<14} {login:<12} {full_name}")
            self.stdout.write("  Site admin: /admin/   Learner pages: /accounts/login/\n")
        elif created:
            self.stdout.write("Demo accounts were created with random passwords (not shown).")

    @transaction.atomic
    def ensure_accounts(self, password: str) -> int:
        home_unit = Unit.objects.filter(code=DEMO_UNIT_CODE).first()
        created = 0
        hashed = None  # one hash for the shared password: Argon2 costs ~0.4 s of CPU each
        for username, full_name, role, phone, audience in DEMO_ACCOUNTS:
            user, is_new = User.objects.get_or_create(
                username=username,
                defaults={
                    "full_name": full_name,
                    "phone": phone,
                    "audience": audience,
                    "home_unit": home_unit,
                },
            )
            if is_new:
                hashed = hashed or make_password(password)
                user.password = hashed
                if role == Role.ADMINISTRATOR:
                    user.is_superuser = True
                user.save()
                created += 1
            grant_role(user, role)
        return created
