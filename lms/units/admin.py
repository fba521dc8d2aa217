from django.contrib import admin

from .models import Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("code", "name", "codename")
    raw_id_fields = ("parent",)
    readonly_fields = ("path", "codename")
