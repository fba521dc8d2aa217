"""Filters and sorting shared by the audience pages, the search page and the
API: parsed from query parameters, unknown values ignored, never an error."""

import re
from dataclasses import dataclass, replace

from django.core.paginator import Paginator
from django.db.models import Count, Q

from lms.audiences import Audience
from lms.framework.models import CompetencyArea, FrameworkVersion

from .audiences import audience_marker
from .items import ItemCompetency, ItemTopic, LibraryItemPage, card_queryset
from .topics import LibraryTopic
from .types import ItemType

PER_PAGE = 12
_CODE = re.compile(r"^[A-Za-z0-9.\-]{1,60}$")
SORTS = ("newest", "popular")


def _clean(value: str, allowed=None) -> str:
    value = (value or "").strip()[:60]
    if allowed is not None:
        return value if value in allowed else ""
    return value if _CODE.match(value) else ""


@dataclass(frozen=True)
class LibraryFilters:
    audience: str = ""
    area: str = ""
    type: str = ""
    topic: str = ""
    sort: str = "newest"

    @classmethod
    def from_params(cls, params, audience: str = "") -> "LibraryFilters":
        return cls(
            audience=audience or _clean(params.get("audience"), Audience.values),
            area=_clean(params.get("area")),
            type=_clean(params.get("type"), ItemType.values),
            topic=_clean(params.get("topic")),
            sort=_clean(params.get("sort"), SORTS) or "newest",
        )

    @property
    def active(self) -> bool:
        return bool(self.area or self.type or self.topic)

    def apply(self, queryset):
        if self.audience:
            queryset = queryset.filter(audience_codes__contains=audience_marker(self.audience))
        if self.type:
            queryset = queryset.filter(item_type=self.type)
        if self.area:
            queryset = queryset.filter(
                pk__in=ItemCompetency.objects.filter(competency__area__code=self.area).values(
                    "page_id"
                )
            )
        if self.topic:
            queryset = queryset.filter(
                pk__in=ItemTopic.objects.filter(tag__slug=self.topic).values("content_object_id")
            )
        return queryset

    def order(self, queryset):
        if self.sort == "popular":
            return queryset.order_by("-view_count", "-first_published_at", "pk")
        return queryset.order_by("-first_published_at", "pk")

    def without(self, **fields) -> "LibraryFilters":
        return replace(self, **fields)


def visible_items():
    """Items an anonymous visitor may see: live and not behind a view restriction."""
    return LibraryItemPage.objects.live().public()


def paginate(queryset, page_number):
    paginator = Paginator(card_queryset(queryset), PER_PAGE)
    return paginator.get_page(page_number)


def area_options(audience: str) -> list[CompetencyArea]:
    framework = FrameworkVersion.objects.current()
    if framework is None or not audience:
        return []
    return list(CompetencyArea.objects.filter(framework=framework, audience=audience))


def topic_options(items_queryset) -> list[LibraryTopic]:
    return list(
        LibraryTopic.objects.filter(tagged_items__content_object__in=items_queryset.values("pk"))
        .annotate(item_count=Count("tagged_items"))
        .order_by("-item_count", "name")[:20]
    )


def audience_counts(queryset) -> dict[str, int]:
    """Items per audience, in one query."""
    aggregates = {
        code: Count("pk", filter=Q(audience_codes__contains=audience_marker(code)))
        for code in Audience.values
    }
    return queryset.aggregate(**aggregates)


def type_options():
    return [{"code": code, "label": label} for code, label in ItemType.choices]
