from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.models import Group, Permission
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

        from .actions import tell_owner_about_reset_codes
        from .models import User
        from .role_trail import record_role_change
        from .roles import sync_roles_after_migrate

        # Later apps add models (and permissions); roles pick them up after every migrate.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="accounts.sync_roles")
        user_logged_in.connect(tell_owner_about_reset_codes, dispatch_uid="accounts.reset_notice")
        m2m_changed.connect(
            record_role_change, sender=User.groups.through, dispatch_uid="accounts.role_trail"
        )
        # The editors' user bar keeps "may open the admin" per session (admin_access.py).
        from .admin_access import permissions_changed

        for through in (User.groups.through, User.user_permissions.through):
            m2m_changed.connect(permissions_changed, sender=through, dispatch_uid=f"perm-{through}")
        m2m_changed.connect(
            permissions_changed, sender=Group.permissions.through, dispatch_uid="perm-group"
        )
        for model in (Group, Permission):
            for signal in (post_save, post_delete):
                signal.connect(permissions_changed, sender=model, dispatch_uid=f"perm-{model}")
