"""django-filter sets for the staff lists and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.framework.models import Competency, CompetencyArea

from .bank_search import questions_matching
from .models import QType, Question, QuestionCategory, QuestionStatus, QuestionUsage


class QuestionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    competency = django_filters.ModelChoiceFilter(
        field_name="competencies", queryset=Competency.objects.all(), label=_("Competency")
    )
    area = django_filters.ModelChoiceFilter(
        field_name="competencies__area", queryset=CompetencyArea.objects.all(), label=_("Area")
    )
    qtype = django_filters.ChoiceFilter(choices=QType.choices, label=_("Type"))
    difficulty = django_filters.ChoiceFilter(
        choices=[(1, _("Easy")), (2, _("Medium")), (3, _("Hard"))], label=_("Difficulty")
    )
    status = django_filters.ChoiceFilter(choices=QuestionStatus.choices, label=_("Status"))
    category = django_filters.ModelChoiceFilter(
        queryset=QuestionCategory.objects.all(), method="in_category", label=_("Category")
    )
    tag = django_filters.CharFilter(field_name="tags__name", label=_("Tag"))
    usage = django_filters.ChoiceFilter(choices=QuestionUsage.choices, label=_("Use"))
    in_pool = django_filters.BooleanFilter(
        method="certification_pool", label=_("In the certification pool")
    )

    class Meta:
        model = Question
        fields = [
            "q",
            "competency",
            "area",
            "qtype",
            "difficulty",
            "status",
            "usage",
            "in_pool",
            "category",
            "tag",
        ]

    def search(self, queryset, name, value):
        matching = questions_matching(value)
        return queryset if matching is None else queryset.filter(matching)

    def certification_pool(self, queryset, name, value):
        pool = Question.objects.in_certification_pool().values("pk")
        return queryset.filter(pk__in=pool) if value else queryset.exclude(pk__in=pool)

    def in_category(self, queryset, name, value):
        return queryset.filter(
            Q(category__path=value.path) | Q(category__path__startswith=f"{value.path}/")
        )

    @property
    def qs(self):
        return super().qs.distinct()
