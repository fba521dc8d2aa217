"""Admin wiring: a searchable chooser for framework competencies; document links
only for published documents."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.chooser import ChooserViewSet

from assessments.models import Competency

from .files import can_see_document


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


@hooks.register("before_serve_document")
def serve_only_published_documents(document, request):
    """A document link works for everyone once a live public page uses the document,
    and for staff who manage it; otherwise it does not exist (404, not 403)."""
    if not can_see_document(request.user, document):
        raise Http404
