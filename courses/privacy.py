"""Personal data held by classes (see lms/privacy/registry.py). Attendance and
membership stay after an erasure, tied to an account that no longer says who it
was, so the class's figures and the commune's indicators keep counting them."""

from django.utils.translation import gettext_lazy as _

from lms.privacy.registry import Holding, register
from lms.privacy.retention import register_purge

STAFF_ACTIONS = _("Who on the staff did it, kept with what they did")
CLASS_STAFF = _("The class's instructors; unit managers of its unit; administrators")

register(
    Holding(
        model="courses.ClassMembership",
        person="learner",
        fields=("birth_year",),
        category=_("Class rosters: who is in which class, birth year"),
        purpose=_("Running the class and telling namesakes apart"),
        seen_by=CLASS_STAFF,
        kept_for=_("While the class is kept"),
        exported=("community_class", "added_at"),
    ),
    Holding(
        model="courses.AttendanceMark",
        person="learner",
        fields=(),
        category=_("Attendance at class sessions"),
        purpose=_("The class report and the commune's count of participants"),
        seen_by=CLASS_STAFF,
        kept_for=_("Kept; after an erasure it counts as an anonymous person"),
        exported=("session", "status", "via", "marked_at"),
    ),
    Holding(
        model="courses.LoginCard",
        person="learner",
        fields=("lookup", "secret_hash"),
        category=_("Printed login cards (only a keyed hash of the code is stored)"),
        purpose=_("Signing in learners who have no phone or e-mail"),
        seen_by=_("No one: only the hash is stored"),
        kept_for=_("Until revoked, then purged daily"),
        on_erase="delete",
        exported=("community_class", "issued_at", "revoked_at", "last_used_at"),
    ),
    Holding(
        model="courses.Enrolment",
        person="user",
        fields=(),
        category=_("Courses a learner follows"),
        purpose=_("Showing the learner's courses and the commune's count of learners in courses"),
        seen_by=_("The learner; instructors and unit managers of their unit"),
        kept_for=_("Kept; after an erasure it counts as an anonymous person"),
        exported=("course", "source", "enrolled_at", "last_activity_at"),
    ),
    Holding(
        model="courses.StepProgress",
        person="user",
        fields=(),
        category=_("Progress through the steps of a course"),
        purpose=_("Resuming the course on any device and unlocking the next step"),
        seen_by=_("The learner; instructors and unit managers of their unit"),
        kept_for=_("Kept; after an erasure it counts as an anonymous person"),
        exported=("step", "confirmed", "reached_end", "watched_percent", "done_at"),
    ),
    Holding(
        model="courses.CourseCompletion",
        person="user",
        fields=(),
        category=_("Courses completed"),
        purpose=_("The certificate's course rule and the commune's indicators"),
        seen_by=_("The learner; instructors and unit managers of their unit"),
        kept_for=_("Kept; after an erasure it counts as an anonymous person"),
        exported=("course", "completed_at"),
    ),
    *(
        Holding(
            model=model,
            person=person,
            fields=(),
            category=STAFF_ACTIONS,
            purpose=_("Knowing who runs a class and who recorded what"),
            seen_by=CLASS_STAFF,
            kept_for=_("While the class is kept"),
            on_erase="detach",
        )
        for model, person in (
            ("courses.CommunityClass", "created_by"),
            ("courses.CommunityClass", "instructors"),
            ("courses.ClassMembership", "added_by"),
            ("courses.AttendanceMark", "marked_by"),
            ("courses.LoginCard", "issued_by"),
            ("courses.ClassLiveQuiz", "started_by"),
            ("courses.Enrolment", "enrolled_by"),
            ("courses.Course", "locked_by"),
        )
    ),
)


def purge_revoked_login_cards(now) -> int:
    from .models import LoginCard

    deleted, _ = LoginCard.objects.filter(revoked_at__isnull=False, revoked_at__lt=now).delete()
    return deleted


register_purge("courses.revoked_login_cards", purge_revoked_login_cards)
