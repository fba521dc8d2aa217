"""Library items for a learner's weakest competencies: the "học tiếp" links on
quiz results (wired through settings.ASSESSMENTS_RECOMMENDER, because
assessments never imports cms)."""

from django.db.models import Count, Q

from .models import LibraryItemPage
from .models.audiences import audience_marker


def items_for_competencies(codes, audience: str = "", limit: int = 5) -> list[tuple[str, str]]:
    """Live items teaching any of `codes`, those covering the most of them
    first, then the most viewed; items for the learner's audience only when
    there is one."""
    items = LibraryItemPage.objects.live().public()
    if audience:
        items = items.filter(audience_codes__contains=audience_marker(audience))
    items = (
        items.filter(competency_links__competency__code__in=list(codes))
        .annotate(
            matches=Count(
                "competency_links", filter=Q(competency_links__competency__code__in=list(codes))
            )
        )
        .order_by("-matches", "-view_count", "title")
        .only("title", "url_path")[:limit]
    )
    return [(item.title, item.url) for item in items]
