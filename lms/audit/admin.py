from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_label", "verb", "target_type", "target_label", "unit"]
    list_filter = ["verb", "target_type"]
    search_fields = ["actor_label", "target_label", "verb"]
    date_hierarchy = "created_at"

    # The trail is append-only: nobody edits or deletes it from the admin.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
