"""Admin wiring: a searchable chooser for framework competencies; autosaved
new pages continued rather than duplicated (cms/drafts.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.chooser import ChooserViewSet

from assessments.models import Competency
from cms import drafts


class CompetencyChooserViewSet(ChooserViewSet):
    model = Competency
    icon = "tag"
    choose_one_text = _("Choose a competency")
    choose_another_text = _("Choose another competency")
    per_page = 30


competency_chooser_viewset = CompetencyChooserViewSet("competency_chooser")


@hooks.register("register_admin_viewset")
def register_competency_chooser():
    return competency_chooser_viewset


@hooks.register("after_create_page")
def remember_autosaved_new_page(request, page):
    drafts.remember_autosaved_page(request, page)


@hooks.register("before_create_page")
def continue_own_autosaved_draft(request, parent_page, page_class):
    """The new-page form sent again after its autosave: finish that draft."""
    draft = drafts.own_autosaved_draft(request, parent_page, page_class)
    if draft is not None:
        from wagtail.admin.views.pages.edit import EditView

        drafts.as_edit_of(request, draft)
        return EditView.as_view()(request, page_id=draft.pk)
    return None
