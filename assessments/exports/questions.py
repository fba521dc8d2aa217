"""Questions out of the bank: GIFT text, Moodle XML and the Excel template."""

from __future__ import annotations

from assessments.formats import export_gift, export_moodle_xml
from assessments.formats.model import ParsedQuestion
from assessments.importers.xlsx import write_rows
from assessments.models import Question


def _questions(queryset):
    return (
        queryset.filter(current_version__isnull=False)
        .select_related("category", "current_version")
        .prefetch_related("competencies", "tags")
        .order_by("category__path", "pk")
    )


def _tags(question: Question) -> list[str]:
    codes = [competency.code for competency in question.competencies.all()]
    return codes + sorted(tag.name for tag in question.tags.all())


def parsed_question(question: Question) -> ParsedQuestion:
    version = question.current_version
    return ParsedQuestion(
        name=question.name,
        stem=version.stem,
        stem_format="html",
        spec=version.question_spec,
        category=tuple(question.category.path.split("/")),
        tags=tuple(_tags(question)),
        idnumber=question.idnumber or "",
    )


def export_questions_gift(queryset) -> tuple[str, list[str]]:
    """GIFT text and the names of the ordering questions left out (GIFT has no
    syntax for them; the Excel export keeps them)."""
    exportable, skipped = [], []
    for question in _questions(queryset):
        if question.qtype == "ordering":
            skipped.append(question.name)
        else:
            exportable.append(parsed_question(question))
    return export_gift(exportable), skipped


def export_questions_xml(queryset) -> bytes:
    """Moodle XML of every question (Moodle has every one of our types)."""
    return export_moodle_xml(parsed_question(question) for question in _questions(queryset))


def _letters(indexes) -> str:
    return ", ".join(chr(65 + index) for index in indexes)


def _options_and_answer(spec) -> tuple[str, str]:
    qtype = spec.qtype
    if qtype in ("single", "multiple"):
        keys = [i for i, choice in enumerate(spec.choices) if choice.fraction > 0]
        if qtype == "single":
            keys = [max(range(len(spec.choices)), key=lambda i: spec.choices[i].fraction)]
        return "\n".join(choice.text for choice in spec.choices), _letters(keys)
    if qtype == "truefalse":
        return "", "Đúng" if spec.choices[0].fraction >= spec.choices[1].fraction else "Sai"
    if qtype == "ordering":
        return "\n".join(item.text for item in spec.items), ""
    if qtype == "matching":
        lines = [f"{pair.left_text} -> {pair.right_text}" for pair in spec.pairs]
        lines += [f" -> {right}" for right in spec.extra_rights]
        return "\n".join(lines), ""
    if qtype == "shortanswer":
        return "", "|".join(answer.text for answer in spec.accepted_answers if answer.fraction == 1)
    if qtype == "numerical":
        if spec.numeric_answers and spec.numeric_answers[0].value is not None:
            answer = spec.numeric_answers[0]
            text = f"{answer.value:g}"
            return "", f"{text}±{answer.tolerance:g}" if answer.tolerance else text
        if spec.numeric_ranges:
            rng = spec.numeric_ranges[0]
            return "", f"{rng.minimum:g}..{rng.maximum:g}"
    return "", ""


def export_questions_xlsx(queryset) -> bytes:
    """Every question as a row of the import template (round-trips through import)."""
    rows = []
    for question in _questions(queryset):
        spec = question.current_version.question_spec
        options, answer = _options_and_answer(spec)
        codes = [competency.code for competency in question.competencies.all()]
        rows.append(
            [
                question.idnumber or "",
                question.name,
                question.qtype,
                question.current_version.stem,
                options,
                answer,
                spec.general_feedback,
                ", ".join(codes),
                ", ".join(question.audiences),
                question.difficulty,
                float(question.default_points),
                question.category.path,
                ", ".join(sorted(tag.name for tag in question.tags.all())),
            ]
        )
    return write_rows(rows)
