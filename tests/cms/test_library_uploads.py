"""Bad uploads through the Wagtail admin: a clear error and nothing saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image

from lms.accounts.roles import Role

from .fixtures import png_bytes

pytestmark = pytest.mark.django_db

MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
WEBM_HEAD = bytes.fromhex("1a45dfa39f4286810142f7810142f2810442f381084282847765626d") + b"\0" * 64


@pytest.fixture
def editor(client, library, make_user, settings, tmp_path):
    from cms.demo.permissions import ensure_editorial_setup

    ensure_editorial_setup(library["root"])
    client.force_login(make_user(Role.EDITOR))
    return client


def add_document(client, name, data):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, data),
            "collection": 1,
        },
    )


def add_image(client, name, data, description="Ảnh minh họa"):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, data),
            "description": description,
            "collection": 1,
        },
    )


def test_a_real_image_with_alt_text_is_accepted(editor):
    assert add_image(editor, "anh.png", png_bytes()).status_code == 302
    assert Image.objects.filter(title="anh.png").exists()


def test_non_image_as_image_is_refused(editor):
    response = add_image(editor, "virus.png", b"MZ this is not a picture")
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert not Image.objects.exists()


def test_image_without_alt_text_is_refused(editor):
    response = add_image(editor, "anh.png", png_bytes(), description="")
    assert "description" in response.context["form"].errors
    assert not Image.objects.exists()


def test_image_over_the_limit_is_refused(editor, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    response = add_image(editor, "to.png", png_bytes(size=(400, 400)))
    assert response.context["form"].errors["file"]
    assert not Image.objects.exists()


@pytest.mark.parametrize("name,data", [("video.mp4", MP4_HEAD), ("video.webm", WEBM_HEAD)])
def test_real_videos_are_accepted(editor, name, data):
    assert add_document(editor, name, data).status_code == 302
    assert Document.objects.filter(title=name).exists()


@pytest.mark.parametrize(
    "name,data",
    [
        ("video.mp4", b"not really a video at all" * 10),
        ("video.webm", MP4_HEAD),  # an MP4 renamed to .webm
        ("video.mp4", png_bytes()),
    ],
)
def test_fake_videos_are_refused(editor, name, data):
    response = add_document(editor, name, data)
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert not Document.objects.exists()


def test_video_over_the_limit_is_refused(editor, settings):
    settings.MAX_VIDEO_UPLOAD_MB = 0
    response = add_document(editor, "video.mp4", MP4_HEAD)
    assert "MB" in str(response.context["form"].errors["file"])
    assert not Document.objects.exists()


def test_captions_and_pdfs_are_checked(editor):
    assert (
        add_document(
            editor, "phu-de.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nXin chao\n"
        ).status_code
        == 302
    )
    assert add_document(editor, "sai.vtt", b"1\n00:00:00,000 --> 00:00:01,000\n").status_code == 200
    assert add_document(editor, "sai.pdf", b"<html>").status_code == 200
    assert Document.objects.count() == 1


def test_library_image_with_too_many_pixels_is_refused(editor):
    from tests.assessments.test_question_images import huge_in_pixels

    # 121 megapixels: under Wagtail's default (128), over ours (MAX_IMAGE_PIXELS).
    response = add_image(editor, "to.png", huge_in_pixels())
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Image.objects.exists()
