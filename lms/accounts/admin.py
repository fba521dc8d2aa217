from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import PasswordResetCode, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "full_name", "phone", "audience", "home_unit", "is_active")
    list_filter = ("audience", "is_active", "is_staff", "groups")
    search_fields = ("username", "full_name", "phone", "email")
    raw_id_fields = ("home_unit",)

    def get_readonly_fields(self, request, obj=None):
        # An audience changes only through lms.accounts.audience (checked and
        # recorded): the "Change the audience" page, not this form.
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "audience") if obj is not None else fields

    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (
            _("Học vụ số"),
            {"fields": ("full_name", "phone", "audience", "home_unit", "date_of_birth")},
        ),
    )


@admin.register(PasswordResetCode)
class PasswordResetCodeAdmin(admin.ModelAdmin):
    """Who issued a code for whom and when, and whether it was used. Read-only:
    codes are only ever issued through lms.accounts.actions.do_issue_reset_code."""

    list_display = ("user", "issued_by", "created_at", "expires_at", "used_at", "password_set_at")
    list_filter = ("created_at",)
    search_fields = ("user__username", "user__full_name", "issued_by__username")
    date_hierarchy = "created_at"
    raw_id_fields = ("user", "issued_by")
    exclude = ("code_hash",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
