from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import Question, QuestionStatus, Quiz

from .actions import LIVE_QTYPES, SessionOptions
from .models import Mode


class JoinForm(forms.Form):
    pin = forms.CharField(
        label=_("PIN"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9 ]*"}
        ),
    )
    name = forms.CharField(
        label=_("Your name on the screen"), max_length=250, required=False, strip=False
    )
    rejoin_code = forms.CharField(
        label=_("Rejoin code (only if you joined on another phone)"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    # From the projector's QR code (guessing.join_key): proves the phone saw the screen.
    key = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)


class StartForm(forms.Form):
    quiz = forms.ModelChoiceField(
        label=_("Quiz"),
        queryset=Quiz.objects.none(),
        required=False,
        help_text=_("Questions are drawn from the quiz's rules, like for an attempt."),
    )
    questions = forms.ModelMultipleChoiceField(
        label=_("Or pick questions"),
        queryset=Question.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Single and multiple choice, true/false, ordering and numerical questions."),
    )
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    mode = forms.ChoiceField(label=_("Pace"), choices=Mode.choices, initial=Mode.INSTRUCTOR)
    seconds_per_question = forms.IntegerField(
        label=_("Seconds per question"), min_value=5, max_value=600, initial=30
    )
    auto_advance = forms.BooleanField(
        label=_(
            "Close each question when everyone has answered or time is up, then move on by itself"
        ),
        required=False,
    )
    speed_bonus = forms.BooleanField(
        label=_("Speed bonus (turn off so that slower readers are not penalised)"),
        required=False,
        initial=True,
    )
    streak_bonus = forms.BooleanField(label=_("Streak bonus"), required=False, initial=True)
    stem_on_phones = forms.BooleanField(
        label=_("Show the question text on phones (off: only on the projector)"),
        required=False,
        initial=True,
    )
    confirm_taps = forms.BooleanField(
        label=_("Confirm each answer: a tap picks, a second button sends (for shaky hands)"),
        required=False,
    )
    deadline = forms.DateTimeField(
        label=_("Deadline (learner-paced)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quiz"].queryset = Quiz.objects.order_by("title")
        self.fields["questions"].queryset = Question.objects.filter(
            status=QuestionStatus.PUBLISHED, qtype__in=LIVE_QTYPES, current_version__isnull=False
        ).order_by("category__path", "name")

    def clean(self):
        data = super().clean()
        if not data.get("quiz") and not data.get("questions"):
            raise forms.ValidationError(_("Choose a quiz or at least one question."))
        if data.get("mode") == Mode.LEARNER:
            deadline = data.get("deadline")
            if not deadline or deadline <= timezone.now():
                self.add_error(
                    "deadline", _("A learner-paced quiz needs a deadline in the future.")
                )
        return data

    def options(self) -> SessionOptions:
        data = self.cleaned_data
        return SessionOptions(
            title=data.get("title") or "",
            mode=data["mode"],
            seconds_per_question=data["seconds_per_question"],
            auto_advance=data["auto_advance"],
            speed_bonus=data["speed_bonus"],
            streak_bonus=data["streak_bonus"],
            stem_on_phones=data["stem_on_phones"],
            confirm_taps=data["confirm_taps"],
            deadline=data.get("deadline"),
        )
