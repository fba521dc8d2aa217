"""Wagtail page types of Học vụ số: the home page and the library."""

from .courses import CourseIndexPage, CoursePage
from .home import HomePage
from .item_types import DocumentPage, GuidePage, InfographicPage, LessonPage, VideoPage
from .items import ItemCompetency, ItemTopic, LibraryItemPage, RelatedItem
from .library import AudienceIndexPage, LibraryRootPage
from .topics import LibraryTopic
from .types import Difficulty, ItemType

__all__ = [
    "AudienceIndexPage",
    "CourseIndexPage",
    "CoursePage",
    "Difficulty",
    "DocumentPage",
    "GuidePage",
    "HomePage",
    "InfographicPage",
    "ItemCompetency",
    "ItemTopic",
    "ItemType",
    "LessonPage",
    "LibraryItemPage",
    "LibraryRootPage",
    "LibraryTopic",
    "RelatedItem",
    "VideoPage",
]
