from django.contrib import admin

from .models import Competency, CompetencyArea, FrameworkVersion


class CompetencyInline(admin.TabularInline):
    model = Competency
    fields = ("code", "name", "name_en", "position")
    extra = 0


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "version", "issued_on", "is_current")


@admin.register(CompetencyArea)
class CompetencyAreaAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "audience", "framework")
    list_filter = ("framework", "audience")
    search_fields = ("code", "name")
    inlines = [CompetencyInline]

    def save_formset(self, request, form, formset, change):
        # Inline competencies take their framework from the area.
        for competency in formset.save(commit=False):
            competency.framework_id = form.instance.framework_id
            competency.save()
        formset.save_m2m()
        for obj in formset.deleted_objects:
            obj.delete()
