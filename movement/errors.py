"""The refusals of the movement's actions: subclasses of lms.errors directly (the
one base for code, status and message), with no base of the app's own."""

from django.utils.translation import gettext_lazy as _

from lms.errors import ActionError, Conflict, NotFound


class OutsideScope(NotFound):
    code = "outside_scope"
    default_message = _("This unit is not among the units you manage.")


class BadFigure(ActionError):
    code = "bad_figure"


class BadTarget(ActionError):
    code = "bad_target"
    default_message = _("A target is a percentage from 0 to 100.")


class PeriodClosed(Conflict):
    code = "period_closed"
    default_message = _("This quarter is closed: its figures can no longer be changed.")


class FutureQuarter(ActionError):
    code = "future_quarter"
    default_message = _("This quarter has not started yet.")


class ReportSubmitted(Conflict):
    code = "report_submitted"
    default_message = _("The report for this quarter was submitted and can no longer be changed.")


class AmbassadorError(ActionError):
    code = "ambassador"


class PersonNotFound(NotFound):
    code = "person_not_found"
    default_message = _("No account with this mobile number or username in your units.")


class ValueAlreadyReviewed(Conflict):
    code = "value_already_reviewed"
    default_message = _("This figure has already been reviewed.")
