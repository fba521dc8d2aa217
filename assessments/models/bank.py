"""The question bank: a category tree, questions and their immutable versions.

Editing a question adds a QuestionVersion; attempts keep the version they were
given, so a correction never changes a past grade."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from assessments.bank_search import question_search_text
from assessments.frozen_specs import parsed_spec
from assessments.scoring import question_from_dict
from assessments.scoring.spec import QuestionSpec
from lms.framework.models import Competency

PATH_SEPARATOR = "/"


class QuestionCategory(models.Model):
    """A folder of the bank. ``path`` ("A/B") is the names from the root, kept in
    sync on save, so a subtree is one ``path__startswith`` filter."""

    name = models.CharField(_("name"), max_length=120)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("path"), max_length=1000, unique=True, editable=False)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["path"]

    def __str__(self):
        return self.path

    def save(self, *args, **kwargs):
        name = self.name.replace(PATH_SEPARATOR, "-").strip()
        self.name = name
        self.path = f"{self.parent.path}{PATH_SEPARATOR}{name}" if self.parent else name
        super().save(*args, **kwargs)

    @property
    def depth(self) -> int:
        return self.path.count(PATH_SEPARATOR)


class QType(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple response")
    TRUEFALSE = "truefalse", _("True/false")
    ORDERING = "ordering", _("Ordering")
    MATCHING = "matching", _("Matching")
    SHORTANSWER = "shortanswer", _("Short answer")
    NUMERICAL = "numerical", _("Numerical")
    ESSAY = "essay", _("Essay")
    DESCRIPTION = "description", _("Description")


class QuestionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    # Kept for the attempts that used it, never drawn again by any quiz.
    RETIRED = "retired", _("Retired")


class QuestionUsage(models.TextChoices):
    """What a question is for. Only certification questions may enter the
    reviewed pool that completion quizzes draw from; classroom and practice
    questions never do, whoever publishes them."""

    CERTIFICATION = "certification", _("Certification (after review)")
    PRACTICE = "practice", _("Practice only")
    CLASSROOM = "classroom", _("Classroom only")


class ReviewState(models.TextChoices):
    """Derived from the version fields of a question, never stored: a new
    version is "waiting" again by construction."""

    NOT_APPLICABLE = "not_applicable", _("Not for certification")
    DRAFT = "draft", _("Draft")
    WAITING = "waiting", _("Waiting for review")
    RETURNED = "returned", _("Sent back")
    APPROVED = "approved", _("Approved")
    RETIRED = "retired", _("Retired")


class QuestionQuerySet(models.QuerySet):
    def in_certification_pool(self):
        """Questions completion quizzes may draw: for certification, published,
        and their current version is the one a reviewer approved."""
        return self.filter(
            usage=QuestionUsage.CERTIFICATION,
            status=QuestionStatus.PUBLISHED,
            approved_version__isnull=False,
            approved_version=models.F("current_version"),
        )

    def waiting_for_review(self):
        return (
            self.filter(
                usage=QuestionUsage.CERTIFICATION,
                status=QuestionStatus.PUBLISHED,
                current_version__isnull=False,
            )
            .exclude(approved_version=models.F("current_version"))
            .exclude(returned_version=models.F("current_version"))
            .exclude(qtype="description")
        )


class TaggedQuestion(TaggedItemBase):
    content_object = models.ForeignKey(
        "Question", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Question(models.Model):
    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    name = models.CharField(_("name"), max_length=255)
    idnumber = models.CharField(
        _("ID number"),
        max_length=100,
        null=True,
        blank=True,
        unique=True,
        help_text=_("Optional stable identifier, used to update questions on re-import."),
    )
    qtype = models.CharField(_("type"), max_length=20, choices=QType.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=QuestionStatus.choices, default=QuestionStatus.DRAFT
    )
    difficulty = models.PositiveSmallIntegerField(
        _("difficulty"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text=_("1 easy, 2 medium, 3 hard."),
    )
    default_points = models.DecimalField(
        _("default points"), max_digits=6, decimal_places=2, default=1
    )
    audiences = models.JSONField(
        _("audiences"), default=list, blank=True, help_text=_("Empty means every audience.")
    )
    competencies = models.ManyToManyField(
        Competency, verbose_name=_("competencies"), blank=True, related_name="questions"
    )
    tags = TaggableManager(through=TaggedQuestion, blank=True)
    current_version = models.ForeignKey(
        "QuestionVersion",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    usage = models.CharField(
        _("use"),
        max_length=20,
        choices=QuestionUsage.choices,
        default=QuestionUsage.CERTIFICATION,
        help_text=_(
            "Certification questions count for certificates once a reviewer approves them; "
            "classroom and practice questions never do."
        ),
    )
    # The review: the approved version is in the pool only while it is still the
    # current one, so editing the text takes the question out until reviewed again.
    approved_version = models.ForeignKey(
        "QuestionVersion",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    returned_version = models.ForeignKey(
        "QuestionVersion",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_comment = models.TextField(_("reviewer's comment"), blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Folded name, ID number and current question text for the bank search
    # (assessments.filters); kept in step by save().
    search_text = models.TextField(blank=True, default="", editable=False)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["category__path", "name", "pk"]
        indexes = [models.Index(fields=["status", "qtype"])]
        permissions = [
            ("review_question", _("Can approve questions for the certification pool")),
        ]

    _SEARCHED_FIELDS = frozenset({"name", "idnumber", "current_version"})

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or self._SEARCHED_FIELDS & set(update_fields):
            stem = self.current_version.stem if self.current_version_id else ""
            self.search_text = question_search_text(self.name, self.idnumber, stem)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == QuestionStatus.PUBLISHED

    @property
    def review_state(self) -> str:
        if self.usage != QuestionUsage.CERTIFICATION:
            return ReviewState.NOT_APPLICABLE
        if self.status == QuestionStatus.RETIRED:
            return ReviewState.RETIRED
        if self.current_version_id is None or self.status != QuestionStatus.PUBLISHED:
            return ReviewState.DRAFT
        if self.approved_version_id == self.current_version_id:
            return ReviewState.APPROVED
        if self.returned_version_id == self.current_version_id:
            return ReviewState.RETURNED
        return ReviewState.WAITING

    @property
    def in_certification_pool(self) -> bool:
        return self.review_state == ReviewState.APPROVED

    def get_review_state_display(self) -> str:
        return ReviewState(self.review_state).label


class QuestionVersion(models.Model):
    """One frozen version: what learners saw and what they were graded against.

    ``spec`` is ``QuestionSpec.to_dict()``; its competency codes and points are
    copied from the question when the version is made."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    stem = models.TextField(_("question text"), help_text=_("Sanitised HTML."))
    image = models.ImageField(_("image"), upload_to="questions/%Y/%m/", blank=True)
    image_alt = models.CharField(_("image description"), max_length=255, blank=True)
    spec = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("question version")
        verbose_name_plural = _("question versions")
        ordering = ["question", "number"]
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="question_version_number")
        ]

    def __str__(self):
        return f"{self.question.name} v{self.number}"

    @property
    def qtype(self) -> str:
        return self.spec["qtype"]

    @cached_property
    def question_spec(self) -> QuestionSpec:
        if self.pk is None or self.created_at is None:
            return question_from_dict(self.spec)
        # A stored version never changes: parsed once per process.
        return parsed_spec(self.pk, self.created_at, self.spec)

    @property
    def general_feedback(self) -> str:
        return self.spec.get("general_feedback", "")
