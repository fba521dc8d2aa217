"""What a quiz result page says about the completion certificate: the learner's
certificate (earned by this attempt or an earlier one), "being issued", or what
is still missing, in words. Read-only: issuing stays in ``issuing``."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from assessments.models import Attempt
from lms.framework.models import CompetencyArea

from .models import Certificate
from .qualifying import attempt_outcome, eligibility_of
from .rules import rule_labels


@dataclass(frozen=True)
class CertificateNews:
    certificate: Certificate | None = None
    earned_by_this_attempt: bool = False
    being_issued: bool = False
    missing: tuple[str, ...] = ()


def certificate_news(attempt: Attempt) -> CertificateNews | None:
    """None for practice quizzes (they never lead to a certificate)."""
    quiz = attempt.quiz
    if not quiz.counts_for_certificate:
        return None
    certificate = Certificate.objects.filter(
        user_id=attempt.user_id, audience=quiz.audience, framework_id=quiz.framework_id
    ).first()
    if certificate is not None:
        return CertificateNews(
            certificate=certificate, earned_by_this_attempt=certificate.attempt_id == attempt.pk
        )
    framework = quiz.framework
    eligibility = eligibility_of(
        [attempt_outcome(attempt, framework.code)],
        quiz.audience,
        framework,
        user_id=attempt.user_id,
    )
    if eligibility.eligible:
        # Issued right after the submission commits (or by the worker's retry).
        return CertificateNews(being_issued=True)
    area_names = {
        area.code: area.display_name
        for area in CompetencyArea.objects.filter(framework=framework, audience=quiz.audience)
    }
    return CertificateNews(missing=reason_texts(eligibility.reasons, area_names))


def _percent(value) -> str:
    return floatformat(value, -2)


def reason_texts(reasons, area_names: dict[str, str]) -> tuple[str, ...]:
    """The eligibility reasons (``eligibility`` and ``scoring`` codes) as sentences.
    "Not passed" alone says little: it is dropped when a precise reason explains it."""
    texts = []
    labels = rule_labels()
    for reason in reasons:
        params = reason.params
        area = area_names.get(params.get("area"), params.get("area", ""))
        if reason.code == "not_passed":
            continue
        if reason.code == "below_pass_mark":
            texts.append(
                _("Your score is %(percent)s%%; the certificate needs at least %(required)s%%.")
                % {"percent": _percent(params["percent"]), "required": _percent(params["required"])}
            )
        elif reason.code == "area_below_minimum":
            texts.append(
                _("“%(area)s”: %(percent)s%%, the certificate needs at least %(required)s%%.")
                % {
                    "area": area,
                    "percent": _percent(params["percent"]),
                    "required": _percent(params["required"]),
                }
            )
        elif reason.code == "area_not_assessed":
            texts.append(
                _("“%(area)s” was not part of this quiz: the certificate needs every area.")
                % {"area": area}
            )
        elif reason.code == "nothing_to_grade":
            texts.append(_("This attempt has no graded question."))
        elif reason.code == "pending_manual_grading":
            texts.append(_("Some answers are waiting for an instructor to grade them."))
        elif reason.code == "no_counted_attempt":
            texts.append(_("Only the completion quiz of your group counts for the certificate."))
        elif params.get("rule") in labels:  # a registered extra rule (rules.py)
            texts.append(
                _("The certificate also needs: %(condition)s.")
                % {"condition": labels[params["rule"]]}
            )
        else:
            texts.append(_("A condition of the certificate is not met yet."))
    if not texts and any(reason.code == "not_passed" for reason in reasons):
        texts.append(_("This attempt has not passed (yet)."))
    return tuple(texts)
