"""Issue 10: nothing in an open attempt's HTML or API names a choice or an
ordering item by its id. Authors (and every importer) number ordering items in
their correct order, so ``name="position-<item id>"`` gave the key away."""

import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from assessments.models import Attempt
from assessments.scoring import correct_response
from assessments.scoring.spec import Choice, OrderItem, QuestionSpec

pytestmark = pytest.mark.django_db

STEPS = ["Mở ứng dụng VNeID", "Đăng nhập", "Chọn thủ tục", "Nộp hồ sơ", "Nhận kết quả"]


@pytest.fixture
def ordering_quiz(make_question, make_quiz):
    ordering = make_question(
        QuestionSpec(
            id="",
            qtype="ordering",
            items=tuple(OrderItem(str(i + 1), t) for i, t in enumerate(STEPS)),
        )
    )
    # A version stored before the bank gave options random ids (or kept by an
    # edit form): items numbered 1..5 in their correct order.
    version = ordering.current_version
    version.spec = {
        **version.spec,
        "items": [{"id": str(i + 1), "text": text} for i, text in enumerate(STEPS)],
    }
    version.save(update_fields=["spec"])
    # The right choice written first, as GIFT authors usually do.
    single = make_question(
        QuestionSpec(
            id="",
            qtype="single",
            choices=(
                Choice("1", "Đúng", 1.0),
                Choice("2", "Sai", 0.0),
                Choice("3", "Sai nữa", 0.0),
            ),
        )
    )
    return make_quiz([ordering, single], shuffle_options=True)


def _attribute_values(html: str) -> list[str]:
    return re.findall(r'(?:name|id|for|value)="([^"]*)"', html)


def _started_page(client, learner, quiz, position=1):
    client.force_login(learner)
    client.post(reverse("assessments:start", args=[quiz.slug]))
    attempt = Attempt.objects.get(user=learner, quiz=quiz, state="open")
    html = client.get(reverse("assessments:question", args=[attempt.pk, position])).content
    return attempt, html.decode()


def _ordering_names(html: str) -> list[str]:
    return re.findall(r'name="position-([^"]+)"', html)


def test_the_ordering_page_names_no_item_by_its_id(client, learner, make_user, ordering_quiz):
    attempt, html = _started_page(client, learner, ordering_quiz)
    spec = attempt.slots.get(position=1).question_version.question_spec
    item_ids = {item.id for item in spec.items}
    names = _ordering_names(html)
    assert len(names) == len(STEPS)
    # No field name, id, label target or value carries an item id...
    assert not item_ids & set(names)
    for value in _attribute_values(html):
        suffix = value.rsplit("-", 1)[-1]
        assert not (value.startswith(("pos-", "position-")) and suffix in item_ids), value
    # ...and the tokens say nothing fixed about an item: another learner's
    # attempt at the same question shows other ones.
    other = make_user()
    _other_attempt, other_html = _started_page(client, other, ordering_quiz)
    assert not set(names) & set(_ordering_names(other_html))


def test_a_posted_order_is_read_back_through_the_tokens(client, learner, ordering_quiz):
    attempt, html = _started_page(client, learner, ordering_quiz)
    labels = re.findall(r'<label for="pos-([^"]+)">([^<]+)</label>', html)
    token_of_text = {text: token for token, text in labels}
    form = {f"position-{token_of_text[text]}": str(rank) for rank, text in enumerate(STEPS, 1)}
    url = reverse("assessments:question", args=[attempt.pk, 1])
    assert client.post(url, {**form, "go": "1"}).status_code == 302
    slot = attempt.slots.get(position=1)
    assert slot.response == list(correct_response(slot.question_version.question_spec))
    # The saved order comes back in the form, still as tokens.
    again = client.get(url).content.decode()
    assert re.findall(r'<label for="pos-[^"]+">([^<]+)</label>', again) == STEPS


def test_the_api_shows_tokens_only_and_takes_them_back(learner, ordering_quiz):
    api = APIClient()
    api.force_authenticate(learner)
    started = api.post(f"/api/v1/quizzes/{ordering_quiz.slug}/start/").json()
    questions = api.get(f"/api/v1/attempts/{started['id']}/").json()["questions"]
    for question in questions:
        values = [option["value"] for option in question["options"]]
        assert not {"1", "2", "3", "4", "5"} & set(values), values
    ordering = next(q for q in questions if q["qtype"] == "ordering")
    token_of_text = {option["text"]: option["value"] for option in ordering["options"]}
    in_order = [token_of_text[text] for text in STEPS]
    saved = api.put(
        f"/api/v1/attempts/{started['id']}/answers/{ordering['position']}/",
        {"response": in_order},
        format="json",
    )
    assert saved.status_code == 200 and saved.json()["response"] == in_order
    # The item ids themselves are no answer.
    refused = api.put(
        f"/api/v1/attempts/{started['id']}/answers/{ordering['position']}/",
        {"response": ["1", "2", "3", "4", "5"]},
        format="json",
    )
    assert refused.status_code == 400
    result = api.post(f"/api/v1/attempts/{started['id']}/submit/").json()
    assert result["points"] == 1
