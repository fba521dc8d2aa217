"""Issue 10 (leftover): a certificate records the rule it was issued under, and
later changes to the framework's or the quiz's thresholds change nothing about
it: not its record, not its verification page, not its credential's criteria."""

from decimal import Decimal

import pytest

from assessments.certificates import documents, issuing, records
from assessments.certificates.criteria import IssuingCriteria
from assessments.certificates.integrity_scan import check_all_certificates
from assessments.certificates.models import Certificate

pytestmark = pytest.mark.django_db


def criteria_of(certificate) -> IssuingCriteria:
    return IssuingCriteria.from_json(Certificate.objects.get(pk=certificate.pk).criteria)


def test_the_certificate_records_framework_thresholds_and_quiz(
    certificate, completion_quiz, resident_areas
):
    recorded = criteria_of(certificate)
    framework = completion_quiz.framework
    assert recorded.framework_code == framework.code
    assert recorded.framework_version == framework.version
    assert Decimal(recorded.pass_mark_percent) == framework.pass_mark_percent
    assert Decimal(recorded.area_minimum_percent) == framework.area_minimum_percent
    assert [code for code, _minimum in recorded.area_minimums] == [a.code for a in resident_areas]
    assert recorded.thresholds_source == "platform_default"
    assert recorded.quiz_id == completion_quiz.pk
    assert recorded.quiz_slug == completion_quiz.slug
    assert recorded.attempt_id == certificate.attempt_id
    assert records.hash_matches(Certificate.objects.get(pk=certificate.pk))


def test_later_threshold_changes_do_not_change_what_it_meant(client, certificate, completion_quiz):
    framework = completion_quiz.framework
    before_pdf_text = documents.certificate_content(certificate)
    framework.pass_mark_percent = Decimal("90.00")
    framework.area_minimum_percent = Decimal("80.00")
    framework.save()
    completion_quiz.pass_mark_percent = Decimal("95.00")
    completion_quiz.save()

    stored = Certificate.objects.select_related("framework").get(pk=certificate.pk)
    content = documents.certificate_content(stored)
    assert content.pass_mark_percent == before_pdf_text.pass_mark_percent == Decimal("70")
    assert content.area_minimum_percent == Decimal("50")

    body = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert "70%" in body and "50%" in body
    assert "90%" not in body and "95%" not in body
    assert completion_quiz.title in body
    data = client.get(f"/api/v1/certificates/{certificate.code}/").json()
    assert data["criteria"]["pass_mark_percent"] == "70"
    assert data["criteria"]["area_minimum_percent"] == "50"
    assert data["criteria"]["thresholds_source"] == "platform_default"

    narrative = documents.signed_credential(stored)["credentialSubject"]["achievement"]["criteria"][
        "narrative"
    ]
    assert "tổng điểm từ 70%" in narrative and "từ 50% ở mỗi lĩnh vực" in narrative
    assert "90%" not in narrative
    assert completion_quiz.title in narrative


def test_a_quizs_own_thresholds_are_recorded_as_the_quizs(
    learner, completion_quiz, take_quiz, issuer
):
    completion_quiz.pass_mark_percent = Decimal("75.00")
    completion_quiz.area_minimum_percent = Decimal("60.00")
    completion_quiz.save()
    take_quiz(learner, completion_quiz)
    certificate = issuing.do_issue_if_eligible(
        learner, "resident", completion_quiz.framework
    ).certificate
    recorded = criteria_of(certificate)
    assert (recorded.pass_mark_percent, recorded.area_minimum_percent) == ("75", "60")
    assert recorded.thresholds_source == "quiz"
    narrative = documents.signed_credential(certificate)["credentialSubject"]["achievement"][
        "criteria"
    ]["narrative"]
    assert "tổng điểm từ 75%" in narrative
    assert "mức riêng của bài đánh giá" in narrative


def test_the_recorded_criteria_are_covered_by_the_content_hash(certificate):
    criteria = dict(certificate.criteria, pass_mark_percent="10")
    Certificate.objects.filter(pk=certificate.pk).update(criteria=criteria)
    assert not records.hash_matches(Certificate.objects.get(pk=certificate.pk))
    assert [item.code for item in check_all_certificates().altered] == [certificate.code]


def test_certificates_issued_before_criteria_were_recorded_still_verify(client, certificate):
    """Old rows have {}: their hash never covered criteria and still matches."""
    old = Certificate.objects.get(pk=certificate.pk)
    old.criteria = {}
    old.content_hash = records.content_hash(old)
    old.save()
    assert records.hash_matches(Certificate.objects.get(pk=certificate.pk))
    response = client.get(f"/certificates/verify/{certificate.code}/")
    assert response.status_code == 200
    assert client.get(f"/api/v1/certificates/{certificate.code}/").json()["criteria"] is None
