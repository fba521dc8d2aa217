from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import SlugInput

from cms.text import is_admin_autoslug, slug_formatters, slugify_vi
from lms.audiences import Audience

from .audiences import join_audiences, split_audiences


class LibraryPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            # The slug typed from the title folds Vietnamese as the server does.
            self.fields["slug"].widget = SlugInput(
                formatters=slug_formatters(), locale=getattr(self.instance, "locale", None)
            )

    def clean(self):
        cleaned_data = super().clean()
        slug, title = cleaned_data.get("slug") or "", cleaned_data.get("title") or ""
        if is_admin_autoslug(slug, title):
            # "Đăng nhập" must become "dang-nhap", not "djang-nhap" as Wagtail's own
            # slug script writes it (still used by its copy-page form).
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
            self.initial["audiences"] = split_audiences(self.instance.audience_codes) or (
                self._parent_audience()
            )

    def _parent_audience(self) -> list[str]:
        """A new item under an audience's page starts with that audience ticked."""
        if self.instance.pk or self.parent_page is None:
            return []
        audience = getattr(self.parent_page.specific, "audience", "")
        return [audience] if audience else []

    def clean(self):
        cleaned_data = super().clean()
        # Set before the model's own validation runs (in _post_clean).
        self.instance.audience_codes = join_audiences(cleaned_data.get("audiences"))
        return cleaned_data
