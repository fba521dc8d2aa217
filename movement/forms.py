from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.audiences import Audience

from .catalogue import COUNTED, REPORTED, Indicator
from .models import ActivityKind, MemberRole

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
        + [(i.value, i.label) for i in REPORTED + COUNTED],
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
        + [(i.value, i.label) for i in REPORTED + COUNTED],
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


class _InUnit(forms.Form):
    """A form whose choices are the teams/ambassadors under one unit."""

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        from lms.units.models import COMMUNE_KINDS, LOCAL_KINDS, Unit

        from .models import Ambassador, CommunityDigitalTeam

        within = {"unit__path__startswith": unit.path}
        if "unit" in self.fields:
            self.fields["unit"].queryset = Unit.objects.within(unit).filter(
                kind__in=COMMUNE_KINDS | LOCAL_KINDS
            )
        if "team" in self.fields:
            self.fields["team"].queryset = CommunityDigitalTeam.objects.filter(**within)
        if "ambassador" in self.fields:
            self.fields["ambassador"].queryset = Ambassador.objects.filter(**within).select_related(
                "user"
            )


class TeamForm(_InUnit):
    unit = forms.ModelChoiceField(label=_("Area covered"), queryset=None)
    name = forms.CharField(label=_("Team name"), max_length=200)


class MemberForm(_InUnit):
    team = forms.ModelChoiceField(label=_("Team"), queryset=None)
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    phone = forms.CharField(label=_("Mobile number"), max_length=16, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)
    account = forms.CharField(
        label=_("Account (mobile number or username)"),
        required=False,
        help_text=_("So the member can log activities from their phone."),
    )


class TeamTargetForm(_InUnit):
    team = forms.ModelChoiceField(label=_("Team"), queryset=None)
    year = forms.IntegerField(label=_("Year"), min_value=2024, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTERS, coerce=int)
    kind = forms.ChoiceField(label=_("Activity"), choices=ActivityKind.choices)
    count = forms.IntegerField(label=_("Target"))


class AmbassadorForm(_InUnit):
    account = forms.CharField(
        label=_("Account (mobile number or username)"),
        help_text=_("A learner of your units who holds a certificate."),
    )


class AssignmentForm(_InUnit):
    ambassador = forms.ModelChoiceField(label=_("Ambassador"), queryset=None)
    account = forms.CharField(label=_("Learner (mobile number or username)"))


class TeamValueForm(forms.Form):
    """A team member's figure for the current quarter (the quarter is not chosen:
    only the current one is open to teams)."""

    indicator = forms.ChoiceField(
        label=_("Indicator"), choices=[(i.value, i.label) for i in REPORTED]
    )
    # No min_value: the action's own message explains a negative number.
    value = forms.IntegerField(
        label=_("Number of people"), widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where the figure comes from, e.g. the police station's VNeID list."),
    )
    evidence_file = forms.FileField(
        label=_("Photo or scan (optional)"),
        required=False,
        help_text=_("A photo of the summary page, not of people's personal papers."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}
        ),
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "accept"), ("return", "return")])
    reason = forms.CharField(label=_("Reason for sending back"), max_length=500, required=False)
