"""The labels of the audit verbs the assessments app (bank, quizzes, results,
certificates) writes, registered with lms.audit in AssessmentsConfig.ready. A new verb adds
a line here (grades, certificate issuing and live classes add theirs with their
own events)."""

from django.utils.translation import gettext_lazy as _

VERBS = {
    "assessments.question_created": _("Question created"),
    "assessments.question_changed": _("Question changed"),
    "assessments.question_published": _("Question published"),
    "assessments.question_approved": _("Question approved for certification"),
    "assessments.question_returned": _("Question sent back to its author"),
    "assessments.question_retired": _("Question retired"),
    "assessments.question_deleted": _("Question deleted"),
    "assessments.questions_imported": _("Questions imported"),
    "assessments.questions_exported": _("Question bank exported"),
    "assessments.quiz_created": _("Quiz created"),
    "assessments.quiz_changed": _("Quiz changed"),
    "assessments.quiz_published": _("Quiz published"),
    "assessments.results_exported": _("Quiz results exported"),
    "assessments.answer_graded": _("Answer graded by hand"),
    "certificates.exported": _("Certificates exported"),
    "certificates.integrity_checked": _("Certificates checked for alteration"),
    "certificates.integrity_failed": _("Altered certificate found"),
}
