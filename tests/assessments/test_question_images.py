"""The instructor's question form applies the library's image limits: too many
megabytes or too many pixels is refused with a clear message and nothing saved;
a large photo is shrunk before learners' phones download it."""

import functools
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from assessments.models import Question

from .test_staff_pages import choice_post

pytestmark = pytest.mark.django_db


def image_bytes(size, mode="RGB", fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "white" if mode == "RGB" else 1).save(buffer, format=fmt)
    return buffer.getvalue()


@functools.cache
def huge_in_pixels() -> bytes:
    # 11,000 × 11,000 (121 megapixels) of one colour: 15 KB compressed.
    return image_bytes((11_000, 11_000), mode="1")


def post_question(client, upload):
    return client.post(
        reverse("assessments:question_new"),
        choice_post(image=upload, image_alt="Ảnh chụp màn hình"),
    )


def test_an_image_over_the_upload_limit_is_refused(client, instructor, framework, settings):
    settings.MAX_IMAGE_UPLOAD_MB = 10
    # A real picture followed by padding: 15.7 MB on the wire.
    data = image_bytes((40, 30)) + b"\0" * int(15.7 * 1024 * 1024)
    client.force_login(instructor)
    response = post_question(client, SimpleUploadedFile("anh.png", data, "image/png"))
    assert response.status_code == 400
    errors = response.context["meta"].errors["image"]
    assert errors == ["Tệp này nặng 15.7 MB; giới hạn là 10 MB."]
    assert not Question.objects.exists()


def test_an_image_with_too_many_pixels_is_refused(client, instructor, framework):
    client.force_login(instructor)
    upload = SimpleUploadedFile("to.png", huge_in_pixels(), "image/png")
    response = post_question(client, upload)
    assert response.status_code == 400
    assert response.context["meta"].errors["image"] == [
        "Ảnh này có quá nhiều điểm ảnh (giới hạn là 50 megapixel). Hãy thu nhỏ ảnh rồi tải lên lại."
    ]
    assert not Question.objects.exists()


def test_a_large_photo_is_shrunk_and_stripped_before_learners_download_it(
    client, instructor, framework, settings
):
    settings.IMAGE_MAX_SIDE_PX = 1600
    client.force_login(instructor)
    photo = image_bytes((4000, 3000), fmt="JPEG")
    response = post_question(client, SimpleUploadedFile("chup.jpg", photo, "image/jpeg"))
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = Question.objects.get().current_version.image
    with Image.open(stored.open("rb")) as saved:
        assert saved.size == (1600, 1200)
        assert saved.format == "WEBP"
    assert stored.name.endswith(".webp")


def test_a_small_image_keeps_its_size(client, instructor, framework):
    client.force_login(instructor)
    response = post_question(client, SimpleUploadedFile("nho.png", image_bytes((320, 200))))
    assert response.status_code == 302
    with Image.open(Question.objects.get().current_version.image.open("rb")) as saved:
        assert saved.size == (320, 200)
