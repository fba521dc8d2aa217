from datetime import datetime

from rest_framework import serializers

from assessments.actions.attempts import timer_deadline
from assessments.models import Attempt, Question, QuestionUsage, Quiz, ReviewState


class QuizSerializer(serializers.ModelSerializer):
    pass_mark_percent = serializers.FloatField(source="effective_pass_mark", read_only=True)
    area_minimum_percent = serializers.FloatField(source="effective_area_minimum", read_only=True)
    framework = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Quiz
        fields = [
            "slug",
            "title",
            "audience",
            "framework",
            "description",
            "time_limit_minutes",
            "max_attempts",
            "retake_wait_hours",
            "retake_after_failures",
            "grading_method",
            "pass_mark_percent",
            "area_minimum_percent",
            "opens_at",
            "closes_at",
            "counts_for_certificate",
        ]


class OptionSerializer(serializers.Serializer):
    value = serializers.CharField()
    text = serializers.CharField()


class OpenQuestionSerializer(serializers.Serializer):
    """A question of an open attempt: never a key, a fraction or feedback."""

    position = serializers.IntegerField()
    qtype = serializers.CharField()
    stem = serializers.CharField(help_text="Sanitised HTML")
    image_url = serializers.CharField(allow_blank=True)
    image_alt = serializers.CharField(allow_blank=True)
    options = OptionSerializer(many=True)
    prompts = OptionSerializer(many=True)
    points = serializers.FloatField()
    response = serializers.JSONField(allow_null=True)


class AttemptSerializer(serializers.ModelSerializer):
    quiz = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    deadline = serializers.SerializerMethodField(
        help_text="When the attempt stops taking answers: the end of the time limit or the "
        "quiz's closing time, whichever comes first; null when neither applies."
    )

    class Meta:
        model = Attempt
        fields = ["id", "quiz", "number", "state", "started_at", "deadline", "submitted_at"]

    def get_deadline(self, attempt) -> datetime | None:
        end = timer_deadline(attempt)
        return serializers.DateTimeField().to_representation(end) if end else None


class AttemptStartSerializer(AttemptSerializer):
    """A started (or resumed) attempt with only what a phone shows first."""

    total = serializers.IntegerField(help_text="How many questions the attempt has.")
    answered = serializers.ListField(
        child=serializers.IntegerField(), help_text="Positions already answered."
    )
    questions = OpenQuestionSerializer(many=True, help_text="The first unanswered question.")

    class Meta(AttemptSerializer.Meta):
        fields = [*AttemptSerializer.Meta.fields, "total", "answered", "questions"]


class AttemptResultSerializer(serializers.ModelSerializer):
    quiz = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Attempt
        fields = [
            "id",
            "quiz",
            "number",
            "state",
            "started_at",
            "submitted_at",
            "submitted_by_timer",
            "points",
            "max_points",
            "percent",
            "passed",
            "needs_grading",
        ]


class AnswerSerializer(serializers.Serializer):
    response = serializers.JSONField(
        allow_null=True,
        help_text="single/truefalse: an option value; multiple: a list of values; ordering: "
        "every item value in order; matching: {prompt value: option text}; short answer, "
        "numerical, essay: text. null clears the answer.",
    )


class TagListField(serializers.ListField):
    """Tag names: written as a list, read back sorted (documented both ways)."""

    def to_representation(self, data):
        if hasattr(data, "names"):  # the taggit manager
            data = sorted(data.names())
        return super().to_representation(data)


class QuestionSerializer(serializers.ModelSerializer):
    category = serializers.CharField(source="category.path", help_text='Category path, "A/B"')
    competencies = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    competency_codes = serializers.ListField(
        child=serializers.CharField(), write_only=True, required=False
    )
    tags = TagListField(child=serializers.CharField(), required=False)
    stem = serializers.CharField(source="current_version.stem")
    spec = serializers.DictField(
        source="current_version.spec", help_text="QuestionSpec.to_dict() (assessments/scoring)"
    )
    default_points = serializers.DecimalField(
        max_digits=6, decimal_places=2, min_value=0, required=False
    )
    version = serializers.IntegerField(source="current_version.number", read_only=True)
    review_state = serializers.ChoiceField(
        choices=ReviewState.choices,
        read_only=True,
        help_text="waiting: a certification question whose current version nobody has "
        "reviewed; approved: in the pool completion quizzes draw from.",
    )
    in_certification_pool = serializers.BooleanField(read_only=True)
    review_comment = serializers.CharField(read_only=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "name",
            "idnumber",
            "qtype",
            "status",
            "usage",
            "review_state",
            "in_certification_pool",
            "review_comment",
            "difficulty",
            "default_points",
            "audiences",
            "category",
            "competencies",
            "competency_codes",
            "tags",
            "stem",
            "spec",
            "version",
        ]
        read_only_fields = ["qtype"]


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField()
    format = serializers.ChoiceField(choices=["gift", "aiken", "xml", "xlsx"])
    category = serializers.CharField(required=False, allow_blank=True, default="")
    dry_run = serializers.BooleanField(required=False, default=False)
    skip_invalid = serializers.BooleanField(required=False, default=False)
    publish = serializers.BooleanField(required=False, default=False)
    usage = serializers.ChoiceField(
        choices=QuestionUsage.choices, required=False, default=QuestionUsage.CERTIFICATION
    )


class ReturnSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=4000, help_text="What the author should change.")
