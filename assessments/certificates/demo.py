"""Demo content for ``seed_demo``: the demo ward signs certificates, and the
demo learner has passed the residents' completion quiz and holds a certificate.
Idempotent; call ``seed(stdout)`` after the assessments demo."""

from __future__ import annotations

from django.db import transaction

from lms.units.models import Unit

from .models import IssuerProfile

DEMO_UNIT_CODE = "00070"  # Phường Hoàn Kiếm, Hà Nội
DEMO_LEARNER = "hocvien"
SIGNER_TITLE = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
SIGNER_NAME = "Trần Văn Bình"  # a demo name, not a real official


def seed(stdout=None) -> None:
    unit = Unit.objects.filter(code=DEMO_UNIT_CODE).first()
    if unit is None:
        _say(stdout, "Certificates: no demo unit 00070 (load_units first); skipped.")
        return
    IssuerProfile.objects.update_or_create(
        unit=unit,
        defaults={
            "signer_title": SIGNER_TITLE,
            "signer_name": SIGNER_NAME,
            "place_name": "Hà Nội",
            "mask_holder_names": False,
        },
    )
    certificate = _demo_certificate()
    if certificate is None:
        _say(stdout, f"Certificates: issuer profile for {unit.name}.")
    else:
        _say(
            stdout,
            f"Certificates: issuer profile for {unit.name}; {DEMO_LEARNER} holds "
            f"{certificate.printed_code}.",
        )


def _demo_certificate():
    """The demo learner passes the residents' completion quiz (answered with its
    keys through the real attempt actions) and is issued the certificate."""
    from assessments.actions import start_or_resume_attempt, submit_attempt
    from assessments.models import Quiz
    from lms.accounts.models import User

    from .answers import answer_with_keys
    from .issuing import do_issue_if_eligible
    from .models import Certificate

    learner = User.objects.filter(username=DEMO_LEARNER).select_related("home_unit").first()
    quiz = (
        Quiz.objects.filter(audience="resident", counts_for_certificate=True, is_published=True)
        .select_related("framework")
        .first()
    )
    if learner is None or quiz is None:
        return None
    existing = Certificate.objects.filter(
        user=learner, audience=quiz.audience, framework=quiz.framework
    ).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        attempt = start_or_resume_attempt(quiz, learner)
        answer_with_keys(learner, attempt)
        submit_attempt(attempt)
    return do_issue_if_eligible(learner, quiz.audience, quiz.framework).certificate


def _say(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text)
