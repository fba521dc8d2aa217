"""Issuing certificates from real attempts: the rule, the record, the PDF, races."""

import threading
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections

from assessments.certificates import actions, codes, tasks
from assessments.certificates.models import (
    Certificate,
    CertificateStatus,
    Notification,
    validate_logo,
)
from lms.accounts.roles import Role

from .conftest import pdf_text, qr_codes

pytestmark = pytest.mark.django_db


def test_a_passing_attempt_earns_a_certificate_with_a_faithful_record(
    learner, completion_quiz, take_quiz, issuer, resident_areas, unit_tree
):
    attempt = take_quiz(learner, completion_quiz)
    assert attempt.passed and attempt.percent == 100

    result = actions.issue_if_eligible(learner, "resident", completion_quiz.framework)

    certificate = result.certificate
    assert result.created
    assert certificate.full_name == "Nguyễn Thị Hồng Nhung"
    assert certificate.audience == "resident"
    assert certificate.framework == completion_quiz.framework
    # The learner lives in a residential group; the ward with the issuer profile signs.
    assert certificate.unit == unit_tree["hoan_kiem"]
    assert certificate.unit_name == "Phường Hoàn Kiếm"
    assert certificate.signer_name == "Đặng Ỷ Lan"
    assert certificate.signer_title == "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    assert certificate.score_percent == Decimal("100.00")
    assert [row[0] for row in certificate.competency_profile] == [a.code for a in resident_areas]
    assert codes.is_well_formed(certificate.code)
    assert certificate.attempt_id == attempt.pk
    assert certificate.status == CertificateStatus.VALID
    stored = Certificate.objects.get(pk=certificate.pk)
    assert len(stored.content_hash) == 64
    assert actions.hash_matches(stored)
    assert Notification.objects.filter(user=learner, certificate=certificate).count() == 1


def test_issuing_again_returns_the_existing_certificate(certificate, learner, completion_quiz):
    again = actions.issue_if_eligible(learner, "resident", completion_quiz.framework)
    assert not again.created
    assert again.certificate.pk == certificate.pk
    assert Certificate.objects.filter(user=learner).count() == 1


def test_one_area_below_its_minimum_issues_nothing(
    learner, completion_quiz, take_quiz, resident_areas
):
    weak = resident_areas[-1].code
    attempt = take_quiz(learner, completion_quiz, wrong_areas={weak})
    assert attempt.percent > 70  # a high total...
    result = actions.issue_if_eligible(learner, "resident", completion_quiz.framework)
    assert result.certificate is None
    assert not Certificate.objects.exists()
    assert "area_below_minimum" in [reason.code for reason in result.eligibility.reasons]


def test_a_practice_quiz_never_issues(learner, completion_quiz, take_quiz):
    completion_quiz.counts_for_certificate = False
    completion_quiz.save()
    take_quiz(learner, completion_quiz)
    result = actions.issue_if_eligible(learner, "resident", completion_quiz.framework)
    assert result.certificate is None
    assert result.eligibility.reasons[0].code == "no_counted_attempt"


def test_a_later_failed_attempt_does_not_revoke(
    certificate, learner, completion_quiz, take_quiz, resident_areas
):
    take_quiz(learner, completion_quiz, wrong_areas={a.code for a in resident_areas})
    again = actions.issue_if_eligible(learner, "resident", completion_quiz.framework)
    assert again.certificate.pk == certificate.pk
    assert Certificate.objects.get().status == CertificateStatus.VALID


def test_on_attempt_graded_issues_after_commit(
    learner, completion_quiz, take_quiz, issuer, django_capture_on_commit_callbacks
):
    attempt = take_quiz(learner, completion_quiz)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.on_attempt_graded(attempt)
        assert not Certificate.objects.exists()  # nothing before the commit
    assert len(callbacks) == 1
    with django_capture_on_commit_callbacks(execute=False) as follow_ups:
        callbacks[0]()  # what the commit runs
    certificate = Certificate.objects.get(user=learner)
    # Follow-ups: render the PDF and e-mail the learner (a worker runs them in
    # production); here the tasks are applied directly, as CI has no eager Celery.
    # (movement listens to certificate saves and adds its own roll-up refresh.)
    own = [callback for callback in follow_ups if not callback.__module__.startswith("movement.")]
    assert len(own) == 2
    tasks.render_certificate_pdf.apply(args=[certificate.pk])
    tasks.send_certificate_email.apply(args=[certificate.pk])
    certificate.refresh_from_db()
    assert certificate.pdf.name.startswith("certificates/pdf/")
    assert certificate.pdf.storage.exists(certificate.pdf.name)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nhung@example.vn"]
    assert certificate.printed_code in mail.outbox[0].body


def test_on_attempt_graded_ignores_failed_and_uncounted_attempts(
    learner, completion_quiz, take_quiz, resident_areas, django_capture_on_commit_callbacks
):
    attempt = take_quiz(learner, completion_quiz, wrong_areas={resident_areas[0].code})
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        actions.on_attempt_graded(attempt)
    assert callbacks == []
    assert not Certificate.objects.exists()


def test_no_email_for_a_learner_without_one(make_user, completion_quiz, take_quiz):
    learner = make_user(Role.LEARNER, full_name="Đặng Ỷ Lan")
    take_quiz(learner, completion_quiz)
    certificate = actions.issue_if_eligible(learner, "resident", completion_quiz.framework)
    assert not actions.send_certificate_email(certificate.certificate.pk)
    assert mail.outbox == []
    # without a home unit, the platform itself issues
    assert certificate.certificate.unit is None
    assert certificate.certificate.unit_name == "Học vụ số"


def test_a_racing_insert_returns_the_winners_certificate(
    certificate, learner, completion_quiz, monkeypatch
):
    """The other request inserted between our check and our insert: the unique
    constraint refuses ours and the winner's certificate comes back."""
    real = actions._existing
    calls = []

    def not_yet(*args):
        calls.append(args)
        return None if len(calls) == 1 else real(*args)

    monkeypatch.setattr(actions, "_existing", not_yet)
    result = actions.issue_if_eligible(learner, "resident", completion_quiz.framework)
    assert not result.created
    assert result.certificate.pk == certificate.pk
    assert Certificate.objects.count() == 1


def test_a_taken_code_draws_another(learner, completion_quiz, take_quiz, make_user, monkeypatch):
    other = make_user(Role.LEARNER)
    take_quiz(other, completion_quiz)
    first = actions.issue_if_eligible(other, "resident", completion_quiz.framework).certificate
    take_quiz(learner, completion_quiz)
    drawn = iter([first.code, codes.new_code()])
    monkeypatch.setattr(codes, "new_code", lambda: next(drawn))
    second = actions.issue_if_eligible(learner, "resident", completion_quiz.framework).certificate
    assert second.code != first.code
    assert Certificate.objects.count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs concurrent writers: SQLite serialises writes (CI runs this on PostgreSQL)",
)
def test_racing_submissions_create_one_certificate(learner, completion_quiz, take_quiz):
    take_quiz(learner, completion_quiz)
    # Submitting issued it already (after the commit): race issuing it afresh.
    assert Certificate.objects.filter(user=learner).count() == 1
    Certificate.objects.filter(user=learner).delete()
    barrier = threading.Barrier(8)
    results, errors = [], []

    def issue():
        try:
            barrier.wait()
            results.append(
                actions.issue_if_eligible(learner, "resident", completion_quiz.framework)
            )
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert Certificate.objects.filter(user=learner).count() == 1
    assert len({result.certificate.pk for result in results}) == 1
    assert sum(result.created for result in results) == 1


def test_the_pdf_reads_back_with_name_code_audience_and_qr(certificate, tmp_path):
    name = actions.store_pdf(certificate.pk)
    certificate.refresh_from_db()
    assert certificate.pdf.name == name
    with certificate.pdf.open("rb") as handle:
        pdf = handle.read()
    text = pdf_text(pdf, tmp_path)
    assert "Nguyễn Thị Hồng Nhung" in text
    assert certificate.printed_code in text
    assert "Người dân" in text
    assert "PHƯỜNG HOÀN KIẾM" in text
    assert qr_codes(pdf, tmp_path) == [actions.verify_url(certificate.code)]
    assert actions.verify_url(certificate.code) == (
        f"https://hocvuso.example.vn/certificates/verify/{certificate.code}/"
    )


def test_a_missing_pdf_is_rendered_again_on_demand(certificate, tmp_path):
    assert not certificate.pdf  # the task did not run (no worker in this test)
    pdf = actions.pdf_bytes(certificate)
    assert pdf.startswith(b"%PDF")
    certificate.refresh_from_db()
    stored = certificate.pdf.name
    certificate.pdf.storage.delete(stored)
    again = actions.pdf_bytes(certificate)
    assert again.startswith(b"%PDF")
    certificate.refresh_from_db()
    assert certificate.pdf.storage.exists(certificate.pdf.name)


def test_revoking_deletes_the_file_and_watermarks_every_copy(
    certificate, tmp_path, make_user, django_capture_on_commit_callbacks
):
    actions.store_pdf(certificate.pk)
    certificate.refresh_from_db()
    stored = certificate.pdf.name
    admin = make_user(Role.ADMINISTRATOR)
    with pytest.raises(actions.CertificateError):
        actions.revoke(certificate, "   ", by=admin)
    with django_capture_on_commit_callbacks(execute=True):
        revoked = actions.revoke(certificate, "Thi hộ người khác", by=admin)
    assert revoked.status == CertificateStatus.REVOKED
    assert revoked.revoked_reason == "Thi hộ người khác"
    assert revoked.revoked_at is not None
    assert not certificate.pdf.storage.exists(stored)
    text = pdf_text(actions.pdf_bytes(revoked), tmp_path)
    assert "ĐÃ THU HỒI" in text
    assert actions.store_pdf(revoked.pk) is None  # never stored again
    with pytest.raises(actions.CertificateRevoked):
        actions.signed_credential(revoked)
    with pytest.raises(actions.CertificateError):
        actions.revoke(revoked, "again")


def test_a_200_character_name_with_markup_prints_literally(
    make_user, completion_quiz, take_quiz, tmp_path
):
    name = ("<b>Đặng</b> Ỷ Lan & <script>alert(1)</script> " * 8)[:200].strip()
    learner = make_user(Role.LEARNER, full_name=name)
    take_quiz(learner, completion_quiz)
    certificate = actions.issue_if_eligible(learner, "resident", completion_quiz.framework)
    assert certificate.certificate.full_name == name
    text = pdf_text(actions.pdf_bytes(certificate.certificate), tmp_path)
    assert "<b>Đặng</b>" in " ".join(text.split())


def test_the_content_hash_covers_what_is_printed(certificate):
    original = certificate.content_hash
    for field, value in [
        ("full_name", "Nguyễn Thị Hồng Nhưng"),
        ("score_percent", Decimal("99.00")),
        ("unit_name", "Phường Khác"),
        ("signer_name", "Người Khác"),
    ]:
        changed = Certificate.objects.get(pk=certificate.pk)
        setattr(changed, field, value)
        assert actions.content_hash(changed) != original, field
    assert actions.content_hash(Certificate.objects.get(pk=certificate.pk)) == original


def png_bytes(size=(40, 40)):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 20, 20)).save(buffer, "PNG")
    return buffer.getvalue()


def test_logo_uploads_must_be_small_real_images(settings):
    validate_logo(SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png"))
    with pytest.raises(ValidationError) as not_image:
        validate_logo(SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", "image/png"))
    assert not_image.value.code == "logo_not_image"
    with pytest.raises(ValidationError):
        validate_logo(SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100))
    settings.CERTIFICATE_LOGO_MAX_KB = 1
    with pytest.raises(ValidationError) as too_big:
        validate_logo(SimpleUploadedFile("big.png", png_bytes((600, 600)) + b"\0" * 2048))
    assert too_big.value.code == "logo_too_large"


def test_the_units_logo_is_printed(certificate, issuer, tmp_path):
    from django.core.files.base import ContentFile

    issuer.logo.save("logo.png", ContentFile(png_bytes((120, 120))))
    with_logo = actions.render_pdf(certificate)
    issuer.logo.delete()
    without = actions.render_pdf(certificate)
    assert b"/Subtype /Image" in with_logo
    assert b"/Subtype /Image" not in without


def test_finishing_a_passing_completion_quiz_issues_the_certificate(
    client, learner, completion_quiz, issuer, django_capture_on_commit_callbacks
):
    """The whole path a learner takes: start, answer, press "Nộp bài", and the
    certificate appears on "Học tập của tôi"."""
    from django.urls import reverse

    from assessments.actions import start_or_resume_attempt
    from assessments.certificates.answers import answer_with_keys

    client.force_login(learner)
    attempt = start_or_resume_attempt(completion_quiz, learner)
    answer_with_keys(learner, attempt, right=lambda slot: True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("assessments:finish", args=[attempt.pk]))
    assert response.status_code == 302
    certificate = Certificate.objects.get(user=learner)
    assert certificate.attempt_id == attempt.pk
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assert certificate.printed_code in dashboard
