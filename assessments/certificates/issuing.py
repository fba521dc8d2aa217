"""Issuing and revoking certificates: the two writes that change what a
certificate says. Both are atomic and leave an audit event in the same
transaction; issuing announces ``signals.certificate_issued`` once committed
(the PDF and the e-mail follow from there, see ``receivers``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import Attempt
from lms.audit.record import record_event
from lms.framework.models import CompetencyArea, FrameworkVersion
from lms.units.models import COMMUNE_KINDS, Unit

from . import codes
from .criteria import criteria_for
from .eligibility import Eligibility
from .errors import RevocationRefused
from .models import Certificate, CertificateStatus, Notification, NotificationKind
from .qualifying import (
    attempt_outcome,
    counted_attempts,
    eligibility_of,
    required_areas,
    rule_results_for,
)
from .records import content_hash, issuer_of
from .signals import certificate_issued

logger = logging.getLogger(__name__)

ISSUE_ATTEMPTS = 5  # fresh codes tried when a generated code is already taken
ISSUED_VERB = "certificates.issued"
REVOKED_VERB = "certificates.revoked"


def issuing_unit_for(user) -> Unit | None:
    """The unit that signs the user's certificate: the nearest unit above (or at)
    their home unit that has an issuer profile, else their commune or ward, else
    the home unit itself. One query."""
    home = user.home_unit if user.home_unit_id else None
    if home is None:
        return None
    codes_up = [code for code in home.path.split("/") if code]
    units = {
        unit.code: unit
        for unit in Unit.objects.filter(code__in=codes_up).select_related("certificate_issuer")
    }
    chain = [units[code] for code in reversed(codes_up) if code in units]
    for unit in chain:
        if issuer_of(unit) is not None:
            return unit
    for unit in chain:
        if unit.kind in COMMUNE_KINDS:
            return unit
    return home


def competency_profile(attempt: Attempt, framework, audience: str) -> list[list]:
    per_area = attempt.graded_result.area_percents() if attempt.graded_result else {}
    rows = []
    areas = CompetencyArea.objects.filter(framework=framework, audience=audience).order_by(
        "position"
    )
    for area in areas:
        percent = per_area.get(area.code)
        if percent is not None:
            rows.append([area.code, area.name, percent])
    return rows


@dataclass(frozen=True)
class IssueResult:
    certificate: Certificate | None
    created: bool
    eligibility: Eligibility | None = None


def _existing(user, audience, framework) -> Certificate | None:
    return Certificate.objects.filter(user=user, audience=audience, framework=framework).first()


def do_issue_if_eligible(user, audience: str, framework: FrameworkVersion) -> IssueResult:
    """The learner's certificate for (audience, framework version): the existing
    one, a new one when an attempt now meets the completion rule, or None with
    the reasons. Safe to call twice at once: the database's unique constraint
    lets one insert win and the other returns that certificate."""
    existing = _existing(user, audience, framework)
    if existing is not None:
        return IssueResult(existing, created=False)
    outcomes = [
        attempt_outcome(a, framework.code) for a in counted_attempts(user, audience, framework)
    ]
    rule_results = rule_results_for(user.pk, audience, framework, outcomes)
    eligibility = eligibility_of(
        outcomes, audience, framework, user_id=user.pk, rule_results=rule_results
    )
    if not eligibility.eligible:
        return IssueResult(None, created=False, eligibility=eligibility)
    attempt = Attempt.objects.select_related("quiz").get(pk=eligibility.qualifying_attempt_id)
    qualifying = next(o for o in outcomes if o.attempt_id == attempt.pk)
    criteria = criteria_for(
        qualifying,
        framework_version=framework.version,
        pass_mark_percent=framework.pass_mark_percent,
        area_minimum_percent=framework.area_minimum_percent,
        required_areas=required_areas(framework, audience),
        extra_rules=[result.name for result in rule_results],
        quiz_id=attempt.quiz_id,
        quiz_slug=attempt.quiz.slug,
        quiz_title=attempt.quiz.title,
    )
    unit = issuing_unit_for(user)
    issuer = issuer_of(unit)
    score = Decimal(str(attempt.percent)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    for _try in range(ISSUE_ATTEMPTS):
        certificate = Certificate(
            user=user,
            full_name=user.full_name or user.get_full_name(),
            date_of_birth=user.date_of_birth,
            audience=audience,
            framework=framework,
            unit=unit,
            unit_name=unit.name if unit else settings.SITE_NAME,
            signer_title=issuer.signer_title if issuer else "",
            signer_name=issuer.signer_name if issuer else "",
            place_name=issuer.place_name if issuer else "",
            issued_at=timezone.now(),
            score_percent=score,
            competency_profile=competency_profile(attempt, framework, audience),
            criteria=criteria.to_json(),
            code=codes.new_code(),
            attempt=attempt,
        )
        certificate.content_hash = content_hash(certificate)
        try:
            with transaction.atomic():
                certificate.save(force_insert=True)
                Notification.objects.create(
                    user=user, kind=NotificationKind.CERTIFICATE_ISSUED, certificate=certificate
                )
                record_event(
                    actor=None,  # the platform issues; the learner's attempt earned it
                    verb=ISSUED_VERB,
                    target=certificate,
                    unit=unit,
                    extra={
                        "user": user.pk,
                        "attempt": attempt.pk,
                        "audience": audience,
                        "framework": framework.code,
                        "score_percent": str(score),
                    },
                )
                transaction.on_commit(_announcer(certificate))
        except IntegrityError:
            existing = _existing(user, audience, framework)
            if existing is not None:
                return IssueResult(existing, created=False, eligibility=eligibility)
            continue  # the code was taken: draw another
        logger.info("certificate %s issued to user %s", certificate.code, user.pk)
        return IssueResult(certificate, created=True, eligibility=eligibility)
    raise RuntimeError("could not draw a free verification code")


def _announcer(certificate: Certificate):
    def announce():
        for receiver, outcome in certificate_issued.send_robust(
            sender=Certificate, certificate=certificate
        ):
            if isinstance(outcome, Exception):
                # The certificate is stored; the PDF renders on demand, e-mail is a courtesy.
                logger.error(
                    "after issuing %s, %r failed", certificate.code, receiver, exc_info=outcome
                )

    return announce


def do_revoke_certificate(certificate: Certificate, reason: str, by=None) -> Certificate:
    """Mark a certificate revoked (the verification page then says so and why)
    and delete its stored PDF, so no valid-looking copy stays in media storage."""
    reason = (reason or "").strip()
    if not reason:
        raise RevocationRefused(_("Give the reason for revoking this certificate."))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.status == CertificateStatus.REVOKED:
            raise RevocationRefused(_("This certificate is already revoked."))
        old_pdf = locked.pdf.name
        locked.status = CertificateStatus.REVOKED
        locked.revoked_reason = reason
        locked.revoked_at = timezone.now()
        locked.revoked_by = by
        locked.pdf = ""
        locked.save(update_fields=["status", "revoked_reason", "revoked_at", "revoked_by", "pdf"])
        record_event(
            actor=by,
            verb=REVOKED_VERB,
            target=locked,
            unit=locked.unit,
            extra={"reason": reason, "user": locked.user_id},
        )
        if old_pdf:
            storage = locked.pdf.storage
            transaction.on_commit(lambda: storage.delete(old_pdf))
    return locked
