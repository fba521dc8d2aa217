from django import forms
from django.utils.translation import gettext_lazy as _

from lms.units.scope import units_in_scope

from .queries import TrailFilters
from .verbs import verb_choices


class TrailFilterForm(forms.Form):
    actor = forms.CharField(
        label=_("Who"),
        required=False,
        max_length=100,
        help_text=_("A name, username or phone number; marks are optional."),
    )
    verb = forms.ChoiceField(label=_("Action"), required=False)
    unit = forms.CharField(
        label=_("Unit code"),
        required=False,
        max_length=32,
        help_text=_("The unit and every unit under it."),
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, reader, present_verbs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.reader = reader
        known = verb_choices()
        # Verbs in the trail that no app registered a label for still filter.
        unlabelled = sorted(set(present_verbs) - {verb for verb, _label in known})
        self.fields["verb"].choices = [
            ("", _("Every action")),
            *known,
            *[(verb, verb) for verb in unlabelled],
        ]

    def clean_unit(self):
        code = self.cleaned_data["unit"].strip()
        if not code:
            return None
        # Only units the reader manages are found at all.
        unit = units_in_scope(self.reader).filter(code=code).first()
        if unit is None:
            raise forms.ValidationError(_("No unit with this code in your scope."))
        return unit

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end date is before the start date."))
        return data

    def filters(self) -> TrailFilters:
        """The valid filters (an invalid form filters nothing it could not read)."""
        data = self.cleaned_data if self.is_valid() else {}
        return TrailFilters(
            actor=data.get("actor", ""),
            verb=data.get("verb", ""),
            unit=data.get("unit"),
            since=data.get("since"),
            until=data.get("until"),
        )
