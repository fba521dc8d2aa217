"""Writing to the question bank. Every change to what learners see or what is
graded creates a new QuestionVersion; metadata (status, tags, category) is
updated in place."""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from assessments.caches import forget_rule_pools
from assessments.html import stem_html
from assessments.models import (
    Question,
    QuestionCategory,
    QuestionStatus,
    QuestionUsage,
    QuestionVersion,
)
from assessments.models.bank import PATH_SEPARATOR
from assessments.scoring.spec import QuestionSpec
from lms.audit.record import record_event
from lms.framework.models import Competency

from .pool_watch import do_flag_undersized_pools


@dataclass
class QuestionData:
    """Everything a form, an importer or the API supplies for one question."""

    name: str
    stem: str
    spec: QuestionSpec
    category: QuestionCategory
    stem_format: str = "html"
    idnumber: str = ""
    status: str = QuestionStatus.DRAFT
    usage: str = QuestionUsage.CERTIFICATION
    difficulty: int = 2
    default_points: Decimal | float = 1
    audiences: Sequence[str] = ()
    competencies: Sequence[Competency] = ()
    tags: Sequence[str] = ()
    image: object = None
    image_alt: str = ""
    keep_image: bool = True
    extra: dict = field(default_factory=dict)


def category_for_path(path: str | Sequence[str], *, create: bool = True) -> QuestionCategory | None:
    """The category at ``"A/B"`` (or ``("A", "B")``), created with its parents when missing."""
    if isinstance(path, str):
        segments = [part.strip() for part in path.split(PATH_SEPARATOR)]
    else:
        segments = [part.strip() for part in path]
    segments = [part.replace(PATH_SEPARATOR, "-") for part in segments if part]
    if not segments:
        segments = [default_category_name()]
    parent = None
    for depth in range(1, len(segments) + 1):
        full = PATH_SEPARATOR.join(segments[:depth])
        category = QuestionCategory.objects.filter(path=full).first()
        if category is None:
            if not create:
                return None
            category = QuestionCategory.objects.create(name=segments[depth - 1], parent=parent)
        parent = category
    return parent


def default_category_name() -> str:
    return "Mặc định"  # the bank's root folder, named in the site's language


def _opaque(ids: Iterable[str]) -> dict[str, str]:
    # Random ids: "1", "2", ... in file order would tell which option came first.
    mapping: dict[str, str] = {}
    for old in ids:
        token = secrets.token_hex(4)
        while token in mapping.values():
            token = secrets.token_hex(4)
        mapping[old] = token
    return mapping


def with_opaque_ids(spec: QuestionSpec) -> QuestionSpec:
    """The same question with random choice, item and prompt ids."""
    if spec.qtype in ("single", "multiple"):
        ids = _opaque(choice.id for choice in spec.choices)
        choices = tuple(dataclasses.replace(c, id=ids[c.id]) for c in spec.choices)
        return dataclasses.replace(spec, choices=choices)
    if spec.qtype == "ordering":
        ids = _opaque(item.id for item in spec.items)
        items = tuple(dataclasses.replace(i, id=ids[i.id]) for i in spec.items)
        return dataclasses.replace(spec, items=items)
    if spec.qtype == "matching":
        ids = _opaque(pair.left_id for pair in spec.pairs)
        pairs = tuple(dataclasses.replace(p, left_id=ids[p.left_id]) for p in spec.pairs)
        return dataclasses.replace(spec, pairs=pairs)
    return spec


def _version_spec(question: Question, data: QuestionData, codes: list[str]) -> dict:
    spec = dataclasses.replace(
        data.spec,
        id=question.idnumber or f"q{question.pk}",
        points=float(data.default_points),
        competency_codes=tuple(codes),
    )
    return spec.to_dict()


def _apply_metadata(question: Question, data: QuestionData) -> None:
    audiences = list(dict.fromkeys(data.audiences))
    if question.pk and (question.usage != data.usage or list(question.audiences) != audiences):
        # Approval covered these learners and this use: a change needs a new review.
        question.approved_version = None
    question.name = data.name[:255]
    question.category = data.category
    question.idnumber = data.idnumber or None
    question.qtype = data.spec.qtype
    question.status = data.status
    question.usage = data.usage
    question.difficulty = data.difficulty
    question.default_points = Decimal(str(data.default_points))
    question.audiences = audiences


def _new_version(question: Question, data: QuestionData, user, codes: list[str]) -> QuestionVersion:
    previous = question.current_version
    spec_dict = _version_spec(question, data, codes)
    stem = stem_html(data.stem, data.stem_format)
    image = data.image
    if image is None and data.keep_image and previous is not None:
        image = previous.image
    if previous is not None and _same_content(previous, stem, spec_dict, image, data.image_alt):
        return previous  # re-saving without a real change makes no new version
    version = QuestionVersion.objects.create(
        question=question,
        number=(previous.number + 1) if previous else 1,
        stem=stem,
        image=image or "",
        image_alt=data.image_alt,
        spec=spec_dict,
        created_by=user,
    )
    question.current_version = version
    question.save(update_fields=["current_version", "updated_at"])
    return version


def _same_content(previous, stem, spec_dict, image, image_alt) -> bool:
    if previous.stem != stem or previous.image_alt != image_alt:
        return False
    if (image or None) != (previous.image or None):
        return False
    return _without_ids(previous.spec) == _without_ids(spec_dict)


def _without_ids(spec: dict) -> dict:
    """A spec with option ids blanked, to tell a real edit from re-saving."""
    copy = dict(spec)
    for key, id_key in (("choices", "id"), ("items", "id"), ("pairs", "left_id")):
        if key in copy:
            copy[key] = [{**part, id_key: ""} for part in copy[key]]
    return copy


def _record(user, verb: str, question: Question, **extra) -> None:
    version = question.current_version
    record_event(
        actor=user,
        verb=verb,
        target=question,
        extra={"version": version.number if version else None, **extra},
    )


def _record_save(user, question: Question, *, created: bool, was_published: bool) -> None:
    """The trail of one save by a person: created or changed, and published
    when the save is what made learners see it."""
    _record(
        user,
        "assessments.question_created" if created else "assessments.question_changed",
        question,
        status=question.status,
    )
    if question.status == QuestionStatus.PUBLISHED and not was_published:
        _record(user, "assessments.question_published", question, usage=question.usage)


@transaction.atomic
def do_create_question(data: QuestionData, user=None, *, audit: bool = True) -> Question:
    """Create a question. ``audit=False`` for bulk writers (an import records
    one event for the file; the demo content none)."""
    question = Question(created_by=user)
    _apply_metadata(question, data)
    question.save()
    codes = _set_relations(question, data)
    data = dataclasses.replace(data, spec=with_opaque_ids(data.spec))
    _new_version(question, data, user, codes)
    if audit and user is not None:
        _record_save(user, question, created=True, was_published=False)
    return question


@transaction.atomic
def do_update_question(
    question: Question, data: QuestionData, user=None, *, audit: bool = True
) -> Question:
    """Update a question; a new version only when the text, options or grading change."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    was_published = question.status == QuestionStatus.PUBLISHED
    was_in_pool = question.in_certification_pool
    previous = question.current_version
    _apply_metadata(question, data)
    question.save()
    codes = _set_relations(question, data)
    spec = data.spec
    if previous is None or not _same_option_texts(previous.question_spec, spec):
        spec = with_opaque_ids(spec)
    data = dataclasses.replace(data, spec=spec)
    _new_version(question, data, user, codes)
    if audit and user is not None:
        _record_save(user, question, created=False, was_published=was_published)
    if was_in_pool and not question.in_certification_pool:  # a new version waits for review
        do_flag_undersized_pools(user, question)
    return question


def changes_nothing(question: Question, data: QuestionData) -> bool:
    """Whether saving ``data`` over ``question`` would leave every row as it is:
    the same fields, competencies, tags and version content. Bulk writers (an
    import of an unchanged file, every re-run of seed_demo) then skip the save."""
    previous = question.current_version
    if previous is None:
        return False
    probe = Question(pk=question.pk, usage=question.usage, audiences=list(question.audiences or []))
    _apply_metadata(probe, data)
    if any(getattr(probe, name) != getattr(question, name) for name in _METADATA_FIELDS):
        return False
    competency_ids = set(question.competencies.values_list("pk", flat=True))
    if competency_ids != {competency.pk for competency in data.competencies}:
        return False
    if set(question.tags.names()) != {tag for tag in data.tags if tag}:
        return False
    codes = [competency.code for competency in data.competencies]
    image = data.image if data.image is not None or not data.keep_image else previous.image
    stem = stem_html(data.stem, data.stem_format)
    spec_dict = _version_spec(probe, data, codes)
    return _same_content(previous, stem, spec_dict, image, data.image_alt)


# What _apply_metadata sets (approved_version follows usage and audiences).
_METADATA_FIELDS = (
    "name",
    "category_id",
    "idnumber",
    "qtype",
    "status",
    "usage",
    "difficulty",
    "default_points",
    "audiences",
)


def _same_option_texts(old: QuestionSpec, new: QuestionSpec) -> bool:
    # Forms send back the ids they were given; anything else gets fresh ids.
    if old.qtype != new.qtype:
        return False
    if new.qtype in ("single", "multiple"):
        return {c.id for c in old.choices} >= {c.id for c in new.choices}
    if new.qtype == "ordering":
        return {i.id for i in old.items} >= {i.id for i in new.items}
    if new.qtype == "matching":
        return {p.left_id for p in old.pairs} >= {p.left_id for p in new.pairs}
    return True


def _set_relations(question: Question, data: QuestionData) -> list[str]:
    question.competencies.set(data.competencies)
    question.tags.set(list(dict.fromkeys(tag for tag in data.tags if tag)), clear=True)
    return [competency.code for competency in data.competencies]


@transaction.atomic
def do_set_status(questions: Iterable[Question], status: str, user=None) -> int:
    ids = [question.pk for question in questions]
    newly_published = []
    if status == QuestionStatus.PUBLISHED and user is not None:
        newly_published = list(
            Question.objects.filter(pk__in=ids)
            .exclude(status=status)
            .select_related("current_version")
        )
    leaving = list(Question.objects.filter(pk__in=ids).in_certification_pool())
    changed = Question.objects.filter(pk__in=ids).update(status=status)
    forget_rule_pools()  # a queryset update sends no signal
    for question in newly_published:
        question.status = status
        _record(user, "assessments.question_published", question, usage=question.usage)
    if leaving and status != QuestionStatus.PUBLISHED:
        do_flag_undersized_pools(user, leaving[0])
    return changed
