"""Personal data held by the movement's side (see lms/privacy/registry.py).
Indicators hold counts only; teams and ambassadors hold people."""

from django.utils.translation import gettext_lazy as _

from lms.privacy.registry import Holding, register

STAFF_ACTIONS = _("Who on the staff did it, kept with what they did")

register(
    Holding(
        model="movement.TeamMember",
        person="user",
        fields=("full_name", "phone"),
        category=_("Community digital team members: name, phone, role"),
        purpose=_("Organising the team's guidance work"),
        seen_by=_("Unit managers of the team's unit; the team"),
        kept_for=_("While the person is on the team"),
        on_erase="delete",
        exported=("team", "role"),
    ),
    Holding(
        model="movement.Ambassador",
        person="user",
        fields=(),
        category=_("Digital ambassadors"),
        purpose=_("Following up learners (\u201c1 k\u00e8m 5\u201d)"),
        seen_by=_("Unit managers of the unit"),
        kept_for=_("While the person is an ambassador"),
        on_erase="delete",
        exported=("unit",),
    ),
    Holding(
        model="movement.AmbassadorAssignment",
        person="learner",
        fields=(),
        category=_("Which ambassador follows which learner"),
        purpose=_("Following up learners (\u201c1 k\u00e8m 5\u201d)"),
        seen_by=_("The ambassador; unit managers of the unit"),
        kept_for=_("While the follow-up lasts"),
        on_erase="delete",
        exported=("ambassador",),
    ),
    *(
        Holding(
            model=model,
            person=person,
            fields=(),
            category=STAFF_ACTIONS,
            purpose=_("Knowing who entered or submitted the unit's figures"),
            seen_by=_("Unit managers; administrators"),
            kept_for=_("Kept with the figures"),
            on_erase="detach",
        )
        for model, person in (
            ("movement.PopulationFigure", "entered_by"),
            ("movement.Target", "set_by"),
            ("movement.ReportingPeriod", "closed_by"),
            ("movement.ReportedIndicatorValue", "entered_by"),
            ("movement.ReportedIndicatorValue", "reviewed_by"),
            ("movement.QuarterlyReport", "submitted_by"),
            ("movement.QuarterlyReportVersion", "created_by"),
            ("movement.ActivityLog", "logged_by"),
        )
    ),
)
