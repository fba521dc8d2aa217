from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from assessments.models import QuestionUsage

MAX_IMPORT_MB = getattr(settings, "ASSESSMENTS_MAX_IMPORT_MB", 10)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File"))
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            ("gift", "GIFT (Moodle)"),
            ("xml", _("Moodle XML")),
            ("aiken", "Aiken"),
            ("xlsx", _("Excel template")),
        ],
    )
    category = forms.CharField(
        label=_("Category"), required=False, help_text=_('Optional base category, e.g. "A/B".')
    )
    skip_invalid = forms.BooleanField(
        label=_("Import the valid questions even if some are invalid"), required=False
    )
    publish = forms.BooleanField(label=_("Publish the imported questions"), required=False)
    usage = forms.ChoiceField(
        label=_("Use"),
        choices=QuestionUsage.choices,
        initial=QuestionUsage.CERTIFICATION,
        required=False,  # left out: certification for new questions, unchanged on update
        help_text=_(
            "Certification questions wait for a reviewer before counting for certificates."
        ),
    )
    dry_run = forms.BooleanField(label=_("Only check the file"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB."), params={"size": MAX_IMPORT_MB}
            )
        return upload
