from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Certificate, IssuerProfile


@admin.register(IssuerProfile)
class IssuerProfileAdmin(admin.ModelAdmin):
    list_display = ["unit", "signer_title", "signer_name", "mask_holder_names"]
    raw_id_fields = ["unit"]
    search_fields = ["unit__name", "unit__code", "signer_name"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Read-only: certificates change only through actions (revoke has its page)."""

    list_display = ["code", "full_name", "audience", "unit_name", "issued_at", "status"]
    list_filter = ["status", "audience", "framework"]
    search_fields = ["code", "full_name", "user__username"]
    # The PDF is private (no URL): link to the download view that checks access.
    exclude = ["pdf"]
    readonly_fields = [f.name for f in Certificate._meta.fields if f.name != "pdf"] + [
        "pdf_link",
        "revoke_link",
    ]

    @admin.display(description=_("PDF"))
    def pdf_link(self, obj):
        if obj is None:
            return "-"
        return format_html(
            '<a href="{}">{}</a>', reverse("certificates:pdf", args=[obj.code]), _("Download")
        )

    @admin.display(description=_("Revoke"))
    def revoke_link(self, obj):
        if obj is None or not obj.is_valid:
            return "-"
        return format_html(
            '<a href="{}">{}</a>', reverse("certificates:revoke", args=[obj.code]), _("Revoke")
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
