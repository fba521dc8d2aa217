"""Staff forms for questions: shared metadata plus an answer part per type.

Choice questions use a small formset; the other types use one line per answer
in a textarea (explained in each help text), which stays usable on a phone."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from assessments.models import QType, QuestionCategory, QuestionStatus, QuestionUsage
from assessments.scoring.numbers import parse_number
from assessments.scoring.spec import (
    AcceptedAnswer,
    Choice,
    MatchPair,
    NumericAnswer,
    NumericRange,
    OrderItem,
    QuestionSpec,
)
from lms.audiences import Audience
from lms.framework.models import Competency
from lms.images import prepared_image

CHOICE_ROWS = 6


class QuestionMetaForm(forms.Form):
    category = forms.ModelChoiceField(
        QuestionCategory.objects.all(),
        label=_("Category"),
        required=False,
        help_text=_("Or type a new category path below."),
    )
    new_category = forms.CharField(
        label=_("New category path"),
        required=False,
        help_text=_('For example "An toàn số/Lừa đảo".'),
    )
    name = forms.CharField(label=_("Name"), max_length=255)
    idnumber = forms.CharField(label=_("ID number"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=QuestionStatus.choices)
    usage = forms.ChoiceField(
        label=_("Use"),
        choices=QuestionUsage.choices,
        initial=QuestionUsage.CERTIFICATION,
        required=False,  # left out: unchanged (a new question: certification)
        help_text=_(
            "Certification questions count for certificates once another person with the "
            "reviewer role approves them; classroom and practice questions never do."
        ),
    )
    difficulty = forms.TypedChoiceField(
        label=_("Difficulty"),
        coerce=int,
        choices=[(1, _("Easy")), (2, _("Medium")), (3, _("Hard"))],
        initial=2,
    )
    default_points = forms.DecimalField(
        label=_("Points"), min_value=0, max_digits=6, decimal_places=2, initial=1
    )
    audiences = forms.MultipleChoiceField(
        label=_("Audiences"),
        choices=Audience.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every audience."),
    )
    competencies = forms.ModelMultipleChoiceField(
        Competency.objects.select_related("area"),
        label=_("Competencies"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    tags = forms.CharField(label=_("Tags"), required=False, help_text=_("Separated by commas."))
    stem = forms.CharField(
        label=_("Question text"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Simple HTML is allowed (p, strong, em, ul, li, a, img)."),
    )
    # A FileField: lms.images judges the file (size, pixels) before Pillow decodes it.
    image = forms.FileField(
        label=_("Image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    image_alt = forms.CharField(label=_("Image description"), max_length=255, required=False)
    general_feedback = forms.CharField(
        label=_("General feedback"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if not upload:
            return upload
        return prepared_image(upload)

    def clean(self):
        data = super().clean()
        if not data.get("category") and not (data.get("new_category") or "").strip():
            self.add_error("category", _("Choose a category or type a new one."))
        return data


class ChoiceForm(forms.Form):
    id = forms.CharField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(label=_("Answer"), required=False)
    percent = forms.DecimalField(
        label=_("Grade (%)"), min_value=-100, max_value=100, initial=0, required=False
    )
    feedback = forms.CharField(label=_("Feedback"), required=False)


ChoiceFormSet = forms.formset_factory(ChoiceForm, extra=0, min_num=CHOICE_ROWS, max_num=12)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _split_extras(line: str) -> tuple[str, float, str]:
    """``text | percent | feedback`` with the last two optional."""
    text, _sep, rest = line.partition("|")
    percent_text, _sep, feedback = rest.partition("|")
    percent = 100.0
    if percent_text.strip():
        value = parse_number(percent_text.strip().rstrip("%"))
        if value is None or not 0 <= value <= 100:
            raise ValidationError(_("Invalid grade in line: %(line)s"), params={"line": line})
        percent = value
    return text.strip(), percent / 100, feedback.strip()


class AnswerForm(forms.Form):
    """Answer fields for every non-choice type; only the type's own fields are shown."""

    correct = forms.ChoiceField(
        label=_("The statement is"),
        choices=[("true", _("True")), ("false", _("False"))],
        widget=forms.RadioSelect,
        required=False,
    )
    feedback_true = forms.CharField(label=_("Feedback for “True”"), required=False)
    feedback_false = forms.CharField(label=_("Feedback for “False”"), required=False)
    items = forms.CharField(
        label=_("Items in the right order"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One item per line, first to last. Learners see them shuffled."),
    )
    pairs = forms.CharField(
        label=_("Pairs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            'One pair per line: "prompt -> answer". A line "-> answer" adds a wrong answer.'
        ),
    )
    answers = forms.CharField(
        label=_("Accepted answers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            'One per line; optionally "answer | grade % | feedback". Numbers: "3.5", '
            '"3.5 ± 0.1" or "1..5".'
        ),
    )
    case_sensitive = forms.BooleanField(label=_("Case sensitive"), required=False)
    ignore_diacritics = forms.BooleanField(
        label=_("Ignore Vietnamese diacritics (“cong dich vu cong” = “Cổng dịch vụ công”)"),
        required=False,
    )
    wrong_penalty = forms.DecimalField(
        label=_("Penalty for each wrong pick (%)"),
        min_value=0,
        max_value=100,
        initial=0,
        required=False,
    )

    FIELDS_BY_TYPE = {
        "multiple": ["wrong_penalty"],
        "truefalse": ["correct", "feedback_true", "feedback_false"],
        "ordering": ["items"],
        "matching": ["pairs"],
        "shortanswer": ["answers", "case_sensitive", "ignore_diacritics"],
        "numerical": ["answers"],
    }

    def __init__(self, *args, qtype: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.qtype = qtype
        keep = set(self.FIELDS_BY_TYPE.get(qtype, []))
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if qtype == "numerical":
            self.fields["answers"].label = _("Accepted numbers")


def build_spec(
    qtype: str, answer_form: AnswerForm, choice_formset, general_feedback: str
) -> QuestionSpec:
    """A QuestionSpec from the cleaned forms, or ValidationError with a clear reason."""
    data = answer_form.cleaned_data
    kwargs: dict = {}
    if qtype in ("single", "multiple"):
        choices = []
        for index, row in enumerate(choice_formset.cleaned_data):
            text = (row.get("text") or "").strip()
            if not text:
                continue
            percent = float(row.get("percent") or 0)
            choices.append(
                Choice(row.get("id") or f"n{index}", text, percent / 100, row.get("feedback") or "")
            )
        if len(choices) < 2:
            raise ValidationError(_("Give at least two answers."))
        if qtype == "single" and not any(c.fraction == 1 for c in choices):
            raise ValidationError(_("One answer must be worth 100%."))
        if qtype == "multiple":
            if not any(c.fraction > 0 for c in choices):
                raise ValidationError(_("At least one answer must be worth more than 0%."))
            kwargs["wrong_penalty"] = float(data.get("wrong_penalty") or 0) / 100
        kwargs["choices"] = tuple(choices)
    elif qtype == "truefalse":
        key = data.get("correct") == "true"
        kwargs["choices"] = (
            Choice("true", "True", 1.0 if key else 0.0, data.get("feedback_true", "")),
            Choice("false", "False", 0.0 if key else 1.0, data.get("feedback_false", "")),
        )
    elif qtype == "ordering":
        items = _lines(data.get("items"))
        if len(items) < 2:
            raise ValidationError(_("Give at least two items."))
        kwargs["items"] = tuple(OrderItem(str(i + 1), text) for i, text in enumerate(items))
    elif qtype == "matching":
        pairs, extra = [], []
        for line in _lines(data.get("pairs")):
            left, arrow, right = line.rpartition("->")
            if not arrow or not right.strip():
                raise ValidationError(
                    _("Write each pair as “prompt -> answer”: %(line)s"), params={"line": line}
                )
            if left.strip():
                pairs.append(MatchPair(str(len(pairs) + 1), left.strip(), right.strip()))
            else:
                extra.append(right.strip())
        if len(pairs) < 2:
            raise ValidationError(_("Give at least two pairs."))
        kwargs.update(pairs=tuple(pairs), extra_rights=tuple(extra))
    elif qtype == "shortanswer":
        answers = [AcceptedAnswer(*_split_extras(line)) for line in _lines(data.get("answers"))]
        if not any(answer.fraction == 1 for answer in answers):
            raise ValidationError(_("One accepted answer must be worth 100%."))
        kwargs.update(
            accepted_answers=tuple(answers),
            case_sensitive=bool(data.get("case_sensitive")),
            ignore_diacritics=bool(data.get("ignore_diacritics")),
        )
    elif qtype == "numerical":
        answers, ranges = [], []
        for line in _lines(data.get("answers")):
            text, fraction, feedback = _split_extras(line)
            answers_or_range = _numeric(text, fraction, feedback)
            (ranges if isinstance(answers_or_range, NumericRange) else answers).append(
                answers_or_range
            )
        if not any(entry.fraction == 1 for entry in [*answers, *ranges]):
            raise ValidationError(_("One accepted number must be worth 100%."))
        kwargs.update(numeric_answers=tuple(answers), numeric_ranges=tuple(ranges))
    try:
        return QuestionSpec(id="", qtype=qtype, general_feedback=general_feedback, **kwargs)
    except ValueError as problem:
        raise ValidationError(str(problem)) from None


def _numeric(text: str, fraction: float, feedback: str):
    def number(part):
        value = parse_number(part.strip())
        if value is None:
            raise ValidationError(_("Not a number: %(text)s"), params={"text": part})
        return value

    if ".." in text:
        low, _sep, high = text.partition("..")
        if number(low) > number(high):
            raise ValidationError(
                _("The range minimum is above its maximum: %(text)s"), params={"text": text}
            )
        return NumericRange(number(low), number(high), fraction, feedback)
    for separator in ("±", "+-"):
        if separator in text:
            value, _sep, tolerance = text.partition(separator)
            return NumericAnswer(number(value), abs(number(tolerance)), fraction, feedback)
    return NumericAnswer(number(text), 0.0, fraction, feedback)


def initial_from_spec(spec: QuestionSpec) -> tuple[dict, list[dict]]:
    """Initial values (answer form, choice rows) for editing an existing version."""
    answer: dict = {}
    rows: list[dict] = []
    if spec.qtype in ("single", "multiple"):
        rows = [
            {
                "id": c.id,
                "text": c.text,
                "percent": round(c.fraction * 100, 4),
                "feedback": c.feedback,
            }
            for c in spec.choices
        ]
        answer["wrong_penalty"] = round(spec.wrong_penalty * 100, 4)
    elif spec.qtype == "truefalse":
        true_choice, false_choice = spec.choices
        answer.update(
            correct="true" if true_choice.fraction >= false_choice.fraction else "false",
            feedback_true=true_choice.feedback,
            feedback_false=false_choice.feedback,
        )
    elif spec.qtype == "ordering":
        answer["items"] = "\n".join(item.text for item in spec.items)
    elif spec.qtype == "matching":
        lines = [f"{p.left_text} -> {p.right_text}" for p in spec.pairs]
        answer["pairs"] = "\n".join(lines + [f"-> {right}" for right in spec.extra_rights])
    elif spec.qtype == "shortanswer":
        answer["answers"] = "\n".join(
            _with_extras(a.text, a.fraction, a.feedback) for a in spec.accepted_answers
        )
        answer.update(case_sensitive=spec.case_sensitive, ignore_diacritics=spec.ignore_diacritics)
    elif spec.qtype == "numerical":
        lines = []
        for a in spec.numeric_answers:
            if a.value is None:
                continue
            text = f"{a.value:g}" + (f" ± {a.tolerance:g}" if a.tolerance else "")
            lines.append(_with_extras(text, a.fraction, a.feedback))
        for r in spec.numeric_ranges:
            lines.append(_with_extras(f"{r.minimum:g}..{r.maximum:g}", r.fraction, r.feedback))
        answer["answers"] = "\n".join(lines)
    return answer, rows


def _with_extras(text: str, fraction: float, feedback: str) -> str:
    if fraction == 1 and not feedback:
        return text
    line = f"{text} | {fraction * 100:g}"
    return f"{line} | {feedback}" if feedback else line


QTYPE_CHOICES = QType.choices
