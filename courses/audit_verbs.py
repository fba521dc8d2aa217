"""How this app's audit verbs read on the audit trail page (lms/audit/verbs.py)."""

from django.utils.translation import gettext_lazy as _

VERBS = {
    "courses.attendance_marked": _("Attendance marked"),
    "courses.class_course_set": _("Course of a class set"),
    "courses.class_created": _("Class created"),
    "courses.class_quiz_started": _("Live quiz started for a class session"),
    "courses.class_member_added": _("Learner added to a class"),
    "courses.class_session_added": _("Class session added"),
    "courses.learner_account_created": _("Learner account created for a class"),
    "courses.login_card_revoked": _("Login card revoked"),
    "courses.login_card_used": _("Signed in with a login card"),
    "courses.login_cards_issued": _("Login cards issued"),
    "courses.roster_imported": _("Class roster imported"),
    "courses.steps_credited": _("Earlier progress credited on enrolment"),
}
