"""The learner's certificate block says in plain Vietnamese what the signed
credential file is for, not just "Open Badges"."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_credential_link_says_what_the_file_is_for(client, certificate, learner):
    client.force_login(learner)
    body = client.get(reverse("accounts:dashboard")).content.decode()

    credential = reverse("certificates:credential", kwargs={"code": certificate.code})
    link_start = body.index(f'href="{credential}"')
    near = body[link_start - 600 : link_start + 600]
    assert "Tệp chứng nhận điện tử" in near
    assert "cơ quan, trường học hoặc ứng dụng khác" in near
    assert "kiểm tra được là thật" in near
    assert ">Chứng nhận số (Open Badges)</a>" not in body
