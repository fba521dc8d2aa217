"""How this app's audit verbs read on the audit trail page (lms/audit/verbs.py)."""

from django.utils.translation import gettext_lazy as _

VERBS = {
    "movement.activity_logged": _("Team activity logged"),
    "movement.ambassador_named": _("Digital ambassador named"),
    "movement.assignment_ended": _("Ambassador follow-up ended"),
    "movement.learner_assigned": _("Learner assigned to an ambassador"),
    "movement.period_closed": _("Reporting quarter closed"),
    "movement.population_recorded": _("Population figure recorded"),
    "movement.ranking_set": _("Ranking board settings changed"),
    "movement.report_prepared": _("Quarterly report prepared"),
    "movement.report_reminder_sent": _("Quarterly report reminder sent"),
    "movement.report_submitted": _("Quarterly report submitted"),
    "movement.report_downloaded": _("Quarterly report file downloaded"),
    "movement.target_set": _("Target set"),
    "movement.team_created": _("Community digital team created"),
    "movement.team_member_added": _("Team member added"),
    "movement.team_target_set": _("Team target set"),
    "movement.value_reported": _("Indicator value reported"),
    "movement.value_accepted": _("Reported value accepted"),
    "movement.value_returned": _("Reported value sent back"),
}
