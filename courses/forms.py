from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lms.audiences import Audience
from lms.text import slugify

from .models.paths import join_audiences, split_audiences


class CourseForm(WagtailAdminModelForm):
    """Audiences as four checkboxes stored in one delimited column (as library items)."""

    audiences = forms.MultipleChoiceField(
        label=_("Audiences"),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Who this course is for. Choose one or more."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["audiences"] = split_audiences(self.instance.audience_codes)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        cleaned_data = super().clean()
        self.instance.audience_codes = join_audiences(cleaned_data.get("audiences"))
        if not cleaned_data.get("slug") and cleaned_data.get("title"):
            cleaned_data["slug"] = slugify(cleaned_data["title"], max_length=120)
            self.instance.slug = cleaned_data["slug"]
        return cleaned_data


class BulkEnrolForm(forms.Form):
    """One learner per line: a mobile number or a username."""

    identifiers = forms.CharField(
        label=_("Learners"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One per line: a mobile number or a username."),
        max_length=20000,
    )

    def clean(self):
        from lms.accounts.backends import find_user_by_identifier

        cleaned_data = super().clean()
        lines = [
            line.strip()
            for line in (cleaned_data.get("identifiers") or "").splitlines()
            if line.strip()
        ]
        learners, unknown = [], []
        for line in lines[:500]:
            user = find_user_by_identifier(line)
            if user is None:
                unknown.append(line)
            elif user not in learners:
                learners.append(user)
        if unknown:
            raise forms.ValidationError(
                _("No account found for: %(lines)s. Nobody was enrolled.")
                % {"lines": ", ".join(unknown[:10])}
            )
        if not learners:
            raise forms.ValidationError(_("Write at least one learner."))
        cleaned_data["learners"] = learners
        return cleaned_data
