from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import Question, Quiz, QuizRule, ReviewOption


class QuizForm(forms.ModelForm):
    review_after_submit = forms.MultipleChoiceField(
        label=_("Learners see right after submitting"),
        choices=ReviewOption.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    review_after_close = forms.MultipleChoiceField(
        label=_("Learners see after the quiz closes"),
        choices=ReviewOption.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Quiz
        fields = [
            "title",
            "slug",
            "audience",
            "framework",
            "description",
            "shuffle_questions",
            "shuffle_options",
            "time_limit_minutes",
            "grace_seconds",
            "max_attempts",
            "retake_wait_hours",
            "retake_after_failures",
            "grading_method",
            "pass_mark_percent",
            "area_minimum_percent",
            "review_after_submit",
            "review_after_close",
            "opens_at",
            "closes_at",
            "counts_for_certificate",
            "open_for_practice",
            "is_published",
        ]
        widgets = {
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out of a post: the quiz's current policy (or the defaults).
        for name in ("retake_wait_hours", "retake_after_failures"):
            self.fields[name].required = False
        # Left empty: made from the title on saving (assessments.actions.quizzes).
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _(
            "The end of the quiz's web address. Leave it empty to make it from the title."
        )

    def _clean_or_current(self, name):
        value = self.cleaned_data.get(name)
        return getattr(self.instance, name) if value is None else value

    def clean_retake_wait_hours(self):
        return self._clean_or_current("retake_wait_hours")

    def clean_retake_after_failures(self):
        return self._clean_or_current("retake_after_failures")

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["opens_at"] >= data["closes_at"]:
            self.add_error("closes_at", _("The quiz must close after it opens."))
        return data


class QuizRuleForm(forms.ModelForm):
    question = forms.ModelChoiceField(
        Question.objects.filter(status="published").order_by("name"),
        label=_("Question"),
        required=False,
    )

    class Meta:
        model = QuizRule
        fields = [
            "position",
            "kind",
            "count",
            "question",
            "area",
            "competency",
            "category",
            "include_subcategories",
            "tag",
            "difficulty",
            "auto_graded_only",
        ]

    def clean(self):
        data = super().clean()
        if data.get("kind") == "fixed" and not data.get("question"):
            self.add_error("question", _("Choose the question for a fixed rule."))
        return data


# One empty rule on the page; "Add a rule" asks for one more (with or without
# JavaScript), so a quiz has as many rules as it needs.
QuizRuleFormSet = forms.inlineformset_factory(
    Quiz, QuizRule, form=QuizRuleForm, extra=1, can_delete=True
)
RULES_PREFIX = "rules"


def with_one_more_rule(data):
    """The builder's post with room for one more rule (the no-JavaScript "Add a rule")."""
    data = data.copy()
    key = f"{RULES_PREFIX}-TOTAL_FORMS"
    try:
        total = int(data.get(key, 0))
    except ValueError:
        total = 0
    data[key] = str(min(total + 1, 1000))
    return data
