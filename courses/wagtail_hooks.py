"""Courses in the Wagtail admin: a moderated snippet (drafts, revisions, locking
and the same "Biên tập → Duyệt" workflow as library pages), steps in order."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
)
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_warnings import warn_editor
from .forms import CourseForm
from .models import Course, CourseStep

LIBRARY_ITEM_TYPES = [
    "cms.GuidePage",
    "cms.VideoPage",
    "cms.InfographicPage",
    "cms.LessonPage",
    "cms.DocumentPage",
]

CourseStep.panels = [
    FieldPanel("module_title"),
    FieldRowPanel([PageChooserPanel("page", page_type=LIBRARY_ITEM_TYPES), FieldPanel("quiz")]),
    FieldPanel("required"),
]


class CourseViewSet(SnippetViewSet):
    model = Course
    icon = "list-ol"
    menu_label = _("Courses")
    menu_name = "courses"
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["title", "live"]
    search_fields = ["title", "summary"]
    edit_handler_panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("audiences"),
                FieldPanel("competencies"),
                FieldPanel("sequential"),
                FieldPanel("certificate_framework"),
            ],
            heading=_("Who and what"),
        ),
        InlinePanel("steps", heading=_("Steps"), label=_("Step"), min_num=1),
    ]
    edit_handler = ObjectList(edit_handler_panels, base_form_class=CourseForm)


register_snippet(CourseViewSet)


# Required steps some learners cannot open (courses.admin_warnings): a warning
# after every save of a course or of its public page, whichever button.
@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def warn_about_closed_required_steps(request, instance):
    if isinstance(instance, Course):
        warn_editor(request, instance)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_closed_required_steps_of_the_page(request, page):
    course_id = getattr(page.specific, "course_id", None)
    if course_id is not None:
        warn_editor(request, Course.objects.get(pk=course_id))
