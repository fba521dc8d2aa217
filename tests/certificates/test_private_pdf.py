"""Certificate PDFs are private files (issue 9, point 3): stored outside MEDIA_ROOT,
streamed only to the holder, staff in scope, or anyone holding the verification
code through the public verification page; never for a revoked certificate."""

import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from assessments.certificates import documents, issuing
from assessments.certificates.models import Certificate
from lms.accounts.roles import Role

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(make_user, unit_tree):
    return make_user(Role.UNIT_MANAGER, home_unit=unit_tree["hoan_kiem"], audience="")


def stored(certificate):
    documents.do_store_pdf(certificate.pk)
    certificate.refresh_from_db()
    return certificate


def public_pdf_link(client, certificate):
    """The PDF link the public verification page shows, or None."""
    body = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    found = re.search(r'href="([^"]+\.pdf[^"]*|[^"]+/pdf/)"', body)
    return found.group(1) if found else None


def assert_private_pdf_response(response):
    assert response.status_code == 200
    assert response.streaming  # a FileResponse, not the whole file in memory
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "private" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    return b"".join(response.streaming_content)


def test_the_pdf_is_stored_outside_media_root(certificate, settings):
    certificate = stored(certificate)
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    path = Path(certificate.pdf.path).resolve()
    assert path.is_relative_to(private) and path.exists()
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
    with pytest.raises(NotImplementedError):
        certificate.pdf.url  # noqa: B018 - no public URL exists for it


def test_the_holder_gets_a_streamed_private_file(client, certificate, learner, tmp_path):
    certificate = stored(certificate)
    client.force_login(learner)
    data = assert_private_pdf_response(client.get(f"/certificates/{certificate.code}/pdf/"))
    assert certificate.printed_code in pdf_text(data, tmp_path)


def test_staff_in_scope_only(client, certificate, manager, make_user, unit_tree):
    certificate = stored(certificate)
    client.force_login(manager)
    assert_private_pdf_response(client.get(f"/certificates/{certificate.code}/pdf/"))
    client.force_login(make_user(Role.UNIT_MANAGER, home_unit=unit_tree["son_mai"], audience=""))
    assert client.get(f"/certificates/{certificate.code}/pdf/").status_code == 404
    client.force_login(make_user(Role.LEARNER, home_unit=certificate.unit))
    assert client.get(f"/certificates/{certificate.code}/pdf/").status_code == 404


def test_anyone_with_the_code_downloads_through_the_verify_page(client, certificate, tmp_path):
    certificate = stored(certificate)
    link = public_pdf_link(client, certificate)
    assert link is not None and certificate.code in link
    data = assert_private_pdf_response(client.get(link))
    assert "Nguyễn Thị Hồng Nhung" in pdf_text(data, tmp_path)


def test_without_the_right_code_there_is_nothing(client, certificate):
    certificate = stored(certificate)
    link = public_pdf_link(client, certificate)
    other = "ABCDEFGHJK"
    assert client.get(link.replace(certificate.code, other)).status_code in (400, 404)
    assert client.get("/certificates/verify/%20/pdf/").status_code in (400, 404)


def test_a_revoked_certificate_has_no_public_pdf(client, certificate):
    certificate = stored(certificate)
    link = public_pdf_link(client, certificate)
    issuing.do_revoke_certificate(Certificate.objects.get(pk=certificate.pk), "Gian lận")
    assert public_pdf_link(client, certificate) is None
    assert client.get(link).status_code == 410


def test_masked_names_mean_no_public_pdf(client, certificate, issuer):
    """The PDF prints the full name and birth date the unit chose to hide."""
    certificate = stored(certificate)
    link = public_pdf_link(client, certificate)
    issuer.mask_holder_names = True
    issuer.save()
    assert public_pdf_link(client, certificate) is None
    assert client.get(link).status_code == 404


def test_existing_public_pdfs_move_to_private_storage(certificate, settings):
    """What the data migration does to an installation with PDFs under /media/."""
    from assessments.certificates.storage import move_pdfs_to_private_storage

    old_name = default_storage.save("certificates/pdf/2025/06/abc.pdf", ContentFile(b"%PDF-1.4"))
    Certificate.objects.filter(pk=certificate.pk).update(pdf=old_name)
    assert move_pdfs_to_private_storage(Certificate) == 1
    certificate.refresh_from_db()
    assert not default_storage.exists(old_name)
    assert not (Path(settings.MEDIA_ROOT) / old_name).exists()
    with certificate.pdf.open("rb") as handle:
        assert handle.read() == b"%PDF-1.4"
    assert (
        Path(certificate.pdf.path)
        .resolve()
        .is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    )
    assert move_pdfs_to_private_storage(Certificate) == 0  # idempotent


def test_a_private_root_inside_public_media_is_refused(settings):
    from assessments.certificates.checks import private_media_outside_public_dirs

    assert private_media_outside_public_dirs(None) == []
    settings.PRIVATE_MEDIA_ROOT = settings.MEDIA_ROOT / "private"
    assert [error.id for error in private_media_outside_public_dirs(None)] == ["certificates.E002"]


def test_the_admin_page_links_to_the_checked_download(client, certificate, make_user):
    from django.urls import reverse

    certificate = stored(certificate)
    admin = make_user(None, username="sieuquantri")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    client.force_login(admin)
    page = client.get(reverse("admin:certificates_certificate_change", args=[certificate.pk]))
    assert page.status_code == 200
    assert f"/certificates/{certificate.code}/pdf/" in page.content.decode()
