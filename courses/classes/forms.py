from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import CommunityClass, PlaceKind
from lms.accounts.models import User
from lms.accounts.roles import Role

from .access import sees_every_class, units_for_new_classes


class ClassForm(forms.ModelForm):
    # The class's course is set on the class page (ClassCourseForm), where the
    # roster it already has can be enrolled with it.
    class Meta:
        model = CommunityClass
        fields = ["name", "unit", "place_kind", "place_name", "place_address", "instructors"]
        widgets = {"instructors": forms.CheckboxSelectMultiple}

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_for_new_classes(user)
        self.fields["unit"].queryset = units
        self.fields["place_kind"].choices = PlaceKind.choices
        self.fields["instructors"].queryset = (
            User.objects.filter(groups__name=Role.INSTRUCTOR.value)
            .filter(home_unit__path__startswith=_scope_prefix(user, units))
            .order_by("full_name")
            .distinct()
        )
        self.fields["instructors"].required = False


def _scope_prefix(user, units) -> str:
    if sees_every_class(user):
        return ""
    first = units.first()
    return first.path if first else "\0"


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    duration_minutes = forms.IntegerField(
        label=_("Length (minutes)"), min_value=15, max_value=600, initial=90
    )
    topic = forms.CharField(label=_("Topic"), max_length=200, required=False)


class LearnerForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    birth_year = forms.IntegerField(
        label=_("Birth year"), min_value=1900, max_value=date.today().year
    )
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        required=False,
        help_text=_("Optional. Leave empty if the learner has no phone."),
    )
    village = forms.TypedChoiceField(label=_("Village or residential group"), coerce=int)

    def __init__(self, villages, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = villages

    def clean_phone(self):
        from lms.accounts.phone import InvalidPhoneNumber, normalize_vn_mobile

        raw = self.cleaned_data["phone"].strip()
        if not raw:
            return None
        try:
            return normalize_vn_mobile(raw)
        except InvalidPhoneNumber as exc:
            raise forms.ValidationError(_("This is not a Vietnamese mobile number.")) from exc


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("The list (Excel .xlsx or CSV)"),
        help_text=_("Columns: Họ và tên, Năm sinh, Số điện thoại, Thôn/Tổ dân phố."),
    )


class ClassCourseForm(forms.Form):
    course = forms.ModelChoiceField(
        label=_("Course of the class"),
        queryset=None,
        required=False,
        empty_label=_("No course"),
    )
    enrol_roster = forms.BooleanField(
        label=_("Enrol everyone on the list in this course now"),
        required=False,
        initial=True,
        help_text=_("Learners added to the list later are enrolled as they are added."),
    )

    def __init__(self, *args, **kwargs):
        from .course_link import courses_for_classes

        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses_for_classes()


class ClassQuizForm(forms.Form):
    quiz = forms.ModelChoiceField(label=_("Quiz"), queryset=None)

    def __init__(self, user, *args, **kwargs):
        from .live_quiz import runnable_quizzes

        super().__init__(*args, **kwargs)
        self.fields["quiz"].queryset = runnable_quizzes(user)
