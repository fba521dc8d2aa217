"""Admin wiring: a searchable chooser for framework competencies; accent-insensitive
search in the competency and image choosers (cms.admin_search); document links only
for published documents; autosaved new pages continued rather than duplicated
(cms/drafts.py)."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.images.views import chooser as image_chooser

from cms import drafts
from lms.framework.models import Competency

from .admin_search import FoldedSearchViewMixin
from .files import can_see_document

_COMPETENCY_FIELDS = ("code", "name", "name_en")


class CompetencyChooseView(FoldedSearchViewMixin, ChooseView):
    folded_fields = _COMPETENCY_FIELDS


class CompetencyChooseResultsView(FoldedSearchViewMixin, ChooseResultsView):
    folded_fields = _COMPETENCY_FIELDS


class CompetencyChooserViewSet(ChooserViewSet):
    model = Competency
    icon = "tag"
    choose_one_text = _("Choose a competency")
    choose_another_text = _("Choose another competency")
    per_page = 30
    choose_view_class = CompetencyChooseView
    choose_results_view_class = CompetencyChooseResultsView


competency_chooser_viewset = CompetencyChooserViewSet("competency_chooser")


@hooks.register("register_admin_viewset")
def register_competency_chooser():
    return competency_chooser_viewset


@hooks.register("before_serve_document")
def serve_only_published_documents(document, request):
    """A document link works for everyone once a live public page uses the document,
    and for staff who manage it; otherwise it does not exist (404, not 403)."""
    if not can_see_document(request.user, document):
        raise Http404


class ImageChooseView(FoldedSearchViewMixin, image_chooser.ImageChooseView):
    folded_fields = ("title",)


class ImageChooseResultsView(FoldedSearchViewMixin, image_chooser.ImageChooseResultsView):
    folded_fields = ("title",)


# Wagtail registers its image chooser viewset itself and offers no way to replace
# it; its views are built when the admin URLs are, after every wagtail_hooks module
# is imported, so setting the two view classes here is enough.
image_chooser.viewset.choose_view_class = ImageChooseView
image_chooser.viewset.choose_results_view_class = ImageChooseResultsView


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
