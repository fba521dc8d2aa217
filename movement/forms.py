from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.audiences import Audience

from .catalogue import REPORTED, Indicator
from .models import ActivityKind

QUARTERS = [(q, _("Quarter %(q)s") % {"q": q}) for q in range(1, 5)]


class PopulationForm(forms.Form):
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    value = forms.IntegerField(label=_("Number of people"))
    source = forms.CharField(
        label=_("Source"), max_length=300, help_text=_("E.g. the commune's 2025 statistics.")
    )
    as_of = forms.DateField(label=_("Figure as of"), widget=forms.DateInput(attrs={"type": "date"}))


class TargetForm(forms.Form):
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    indicator = forms.ChoiceField(
        label=_("Indicator"),
        choices=[(Indicator.CERTIFIED.value, Indicator.CERTIFIED.label)]
        + [(i.value, i.label) for i in REPORTED],
    )
    year = forms.IntegerField(label=_("Year"), min_value=2024, max_value=2100)
    percent = forms.IntegerField(label=_("Target (%)"))


class ReportedValueForm(forms.Form):
    indicator = forms.ChoiceField(
        label=_("Indicator"), choices=[(i.value, i.label) for i in REPORTED]
    )
    year = forms.IntegerField(label=_("Year"), min_value=2024, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTERS, coerce=int)
    value = forms.IntegerField(label=_("Number of people"))
    evidence = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where the figure comes from, e.g. the police station's VNeID list."),
    )


class RankingForm(forms.Form):
    is_public = forms.BooleanField(label=_("Publish the ranking of our villages"), required=False)
    indicator = forms.ChoiceField(
        label=_("Rank on"),
        choices=[(Indicator.CERTIFIED.value, Indicator.CERTIFIED.label)]
        + [(i.value, i.label) for i in REPORTED],
    )
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)


class ReportRequestForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2024, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTERS, coerce=int)
    notes = forms.CharField(
        label=_("Notable activities"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(choices=ActivityKind.choices)
    people = forms.IntegerField(label=_("People helped"), min_value=0, initial=1)
    day = forms.DateField(
        label=_("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_day(self):
        return self.cleaned_data.get("day") or timezone.localdate()
