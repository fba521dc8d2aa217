"""Celery tasks: thin wrappers around actions. Tests call the actions, or
``task.apply()``, never rely on ``.delay()`` running (in CI a worker would)."""

from celery import shared_task


@shared_task(name="certificates.render_certificate_pdf", acks_late=True)
def render_certificate_pdf(certificate_id: int) -> str | None:
    from .actions import store_pdf

    return store_pdf(certificate_id)


@shared_task(name="certificates.issue_certificate", bind=True, max_retries=3)
def issue_certificate(self, user_id: int, audience: str, framework_id: int) -> str | None:
    from django.contrib.auth import get_user_model

    from assessments.models import FrameworkVersion

    from .actions import issue_if_eligible

    user = get_user_model().objects.select_related("home_unit").get(pk=user_id)
    framework = FrameworkVersion.objects.get(pk=framework_id)
    result = issue_if_eligible(user, audience, framework)
    return result.certificate.code if result.certificate else None


@shared_task(name="certificates.send_certificate_email")
def send_certificate_email(certificate_id: int) -> bool:
    from .actions import send_certificate_email as send

    return send(certificate_id)
