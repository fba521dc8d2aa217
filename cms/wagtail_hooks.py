"""Admin wiring: a searchable chooser for framework competencies."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.chooser import ChooserViewSet

from assessments.models import Competency


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
