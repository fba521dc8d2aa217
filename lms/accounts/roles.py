"""Roles are Django groups. Their permissions are declared here and synced by
a data migration and after every `migrate`, so apps added later extend a role by
adding a line, not a hand-made admin change."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    # Group names are stable identifiers; "Editors" and "Moderators" are Wagtail's own.
    LEARNER = "Learners", _("Learner")
    INSTRUCTOR = "Instructors", _("Instructor")
    EDITOR = "Editors", _("Editor")
    REVIEWER = "Moderators", _("Reviewer")
    UNIT_MANAGER = "Unit managers", _("Unit manager")
    ADMINISTRATOR = "Administrators", _("Administrator")


_WAGTAIL_EDITING = [
    "wagtailadmin.access_admin",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "taggit.add_tag",
    "taggit.change_tag",
]

# "app_label.codename"; a permission whose app is not installed yet is skipped.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.LEARNER: [],
    Role.INSTRUCTOR: [
        "units.view_unit",
        "framework.view_competency",
        "framework.view_frameworkversion",
        "assessments.view_question",
        "assessments.add_question",
        "assessments.change_question",
        "assessments.view_questioncategory",
        "assessments.add_questioncategory",
        "assessments.view_quiz",
        "assessments.add_quiz",
        "assessments.change_quiz",
        "assessments.view_attempt",
        "assessments.grade_attempt",
        "live.view_livesession",
        "live.add_livesession",
        "live.change_livesession",
        "certificates.print_certificates",
        "courses.view_course",
        "courses.enrol_learners",
    ],
    Role.EDITOR: [
        *_WAGTAIL_EDITING,
        "framework.view_competency",
        "assessments.view_question",
        "assessments.add_question",
        "assessments.change_question",
        "assessments.view_questioncategory",
        "assessments.add_questioncategory",
        "assessments.delete_question",
        "assessments.view_quiz",
        "assessments.add_quiz",
        "assessments.change_quiz",
        "courses.view_course",
        "courses.add_course",
        "courses.change_course",
    ],
    Role.REVIEWER: [
        *_WAGTAIL_EDITING,
        "framework.view_competency",
        "assessments.view_question",
        "assessments.change_question",
        "assessments.review_question",
        "assessments.view_quiz",
        "courses.view_course",
        "courses.change_course",
        "courses.publish_course",
    ],
    Role.UNIT_MANAGER: [
        "units.view_unit",
        "units.add_unit",
        "accounts.view_user",
        "accounts.change_user",  # the audience of people in scope (lms.accounts.audience)
        "accounts.add_passwordresetcode",
        # Results of the learners in their scope (assessments.access narrows them).
        "assessments.view_quiz",
        "assessments.view_attempt",
        "certificates.view_certificate",
        "certificates.export_certificates",
        "certificates.print_certificates",
        "courses.view_course",
        "courses.enrol_learners",
    ],
    Role.ADMINISTRATOR: ["*"],
}


def sync_roles(group_model=None, permission_model=None) -> None:
    """Create the role groups and give each exactly the permissions declared above
    (plus any an administrator added by hand: nothing is taken away)."""
    from django.contrib.auth.models import Group, Permission

    group_model = group_model or Group
    permission_model = permission_model or Permission
    for role, wanted in ROLE_PERMISSIONS.items():
        group, _created = group_model.objects.get_or_create(name=role.value)
        if wanted == ["*"]:
            permissions = permission_model.objects.all()
        else:
            permissions = list(_lookup(permission_model, wanted))
        group.permissions.add(*permissions)


def _lookup(permission_model, names):
    by_app: dict[str, list[str]] = {}
    for name in names:
        app_label, codename = name.split(".", 1)
        by_app.setdefault(app_label, []).append(codename)
    for app_label, codenames in by_app.items():
        yield from permission_model.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )


def sync_roles_after_migrate(sender, using="default", **kwargs):
    """post_migrate runs once per app, in INSTALLED_APPS order, and this handler
    runs before django.contrib.auth's for the same app (accounts is listed
    first). So on the last app's signal, create every app's permissions first
    (idempotent), then sync: the roles see all of them whatever the app order."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    configs = [config for config in apps.get_app_configs() if config.models_module]
    if sender.label != configs[-1].label:
        return
    for config in configs:
        create_permissions(config, verbosity=0, using=using)
    sync_roles()


def has_role(user, role: Role) -> bool:
    if not user.is_authenticated:
        return False
    cache = getattr(user, "_role_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_names = cache
    return role.value in cache


def learners_only(users):
    """Accounts that are nothing but learners: no staff status, not superusers,
    no role but Learners and no permission granted one by one. Only these may be
    reset by a unit manager's code; anyone with more power resets by email or
    by an administrator, so a manager can never take over a stronger account."""
    from django.contrib.auth.models import Group

    stronger_roles = Group.objects.exclude(name=Role.LEARNER.value)
    return (
        users.filter(is_staff=False, is_superuser=False)
        .exclude(groups__in=stronger_roles)
        .exclude(user_permissions__isnull=False)
    )


def grant_role(user, role: Role) -> None:
    from django.contrib.auth.models import Group

    group, _created = Group.objects.get_or_create(name=role.value)
    user.groups.add(group)
    user.__dict__.pop("_role_names", None)
    if role == Role.ADMINISTRATOR and not user.is_staff:
        # Django's own admin needs is_staff; Wagtail's admin needs only access_admin.
        user.is_staff = True
        user.save(update_fields=["is_staff"])
