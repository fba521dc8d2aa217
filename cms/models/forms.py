from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from cms.text import is_admin_autoslug, slugify_vi
from lms.audiences import Audience

from .audiences import join_audiences, split_audiences


class LibraryPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        slug, title = cleaned_data.get("slug") or "", cleaned_data.get("title") or ""
        if is_admin_autoslug(slug, title):
            # "Đăng nhập" must become "dang-nhap", not the admin script's "djang-nhap".
            cleaned_data["slug"] = slugify_vi(title)
        return cleaned_data


class LibraryItemForm(LibraryPageForm):
    """Audiences are a fixed set of four: checkboxes in the form, one delimited
    column in the table (filterable with a plain LIKE on SQLite and PostgreSQL)."""

    audiences = forms.MultipleChoiceField(
        label=_("Audiences"),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Who this item is for. Choose one or more."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["audiences"] = split_audiences(self.instance.audience_codes)

    def clean(self):
        cleaned_data = super().clean()
        # Set before the model's own validation runs (in _post_clean).
        self.instance.audience_codes = join_audiences(cleaned_data.get("audiences"))
        return cleaned_data
