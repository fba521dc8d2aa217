"""Who may do what on the staff pages: Django model permissions, granted to
roles in lms/accounts/roles.py."""

from django.contrib.auth.mixins import PermissionRequiredMixin

from lms.accounts.access import deny

VIEW_BANK = "assessments.view_question"
ADD_QUESTION = "assessments.add_question"
CHANGE_QUESTION = "assessments.change_question"
VIEW_QUIZ = "assessments.view_quiz"
ADD_QUIZ = "assessments.add_quiz"
CHANGE_QUIZ = "assessments.change_quiz"
VIEW_RESULTS = "assessments.view_attempt"
GRADE = "assessments.grade_attempt"
REVIEW_QUESTION = "assessments.review_question"


class StaffPermissionMixin(PermissionRequiredMixin):
    """Anonymous users go to the login page (with a message saying why);
    signed-in users without the permission get the 403 page naming the roles
    the page is for, never the login page (it would send them straight back)."""

    def handle_no_permission(self):
        return deny(self.request, self.get_permission_required())
