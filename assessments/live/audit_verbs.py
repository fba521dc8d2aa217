"""How this app's audit verbs read on the audit trail page (lms/audit/verbs.py)."""

from django.utils.translation import gettext_lazy as _

VERBS = {
    "live.extra_time_given": _("Extra time given"),
    "live.participant_removed": _("Participant removed"),
    "live.report_exported": _("Live session report downloaded"),
    "live.result_claimed": _("Live result claimed"),
    "live.session_ended": _("Live session ended"),
    "live.session_started": _("Live session started"),
}
