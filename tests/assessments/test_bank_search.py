"""The question bank search finds questions typed without Vietnamese marks."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from assessments.actions import QuestionData, category_for_path, do_create_question
from assessments.actions.questions import do_update_question
from assessments.models import Question

from .conftest import sample_specs as specs

pytestmark = pytest.mark.django_db


def create(spec, name, stem="<p>Bạn làm gì?</p>"):
    return do_create_question(
        QuestionData(
            name=name,
            stem=stem,
            spec=spec,
            category=category_for_path("Ngân hàng/Thử"),
            status="published",
            competencies=[],
            audiences=["resident"],
        )
    )


def found(client, query) -> list[str]:
    response = client.get(reverse("assessments:bank"), {"q": query})
    assert response.status_code == 200
    return sorted(question.name for question in response.context["page"].object_list)


@pytest.fixture
def questions(framework):
    spec = specs()[0]
    return {
        "by_name": create(spec, "Tin nhắn báo trúng thưởng"),
        "by_stem": create(
            spec, "Cuộc gọi lạ", "<p>Người gọi báo bạn <b>trúng thưởng</b> xe máy.</p>"
        ),
        "other": create(spec, "Mật khẩu mạnh"),
    }


@pytest.mark.parametrize("query", ["trung thuong", "TRÚNG THƯỞNG", "trúng thuong"])
def test_bank_search_folds_marks_in_names_and_question_text(client, instructor, questions, query):
    client.force_login(instructor)
    assert found(client, query) == ["Cuộc gọi lạ", "Tin nhắn báo trúng thưởng"]


def test_bank_search_follows_a_new_version(client, instructor, questions):
    client.force_login(instructor)
    question = questions["other"]
    data = QuestionData(
        name=question.name,
        stem="<p>Mật khẩu nào khó đoán nhất?</p>",
        spec=specs()[0],
        category=question.category,
        status="published",
        competencies=[],
        audiences=["resident"],
    )
    do_update_question(question, data)
    assert found(client, "kho doan") == ["Mật khẩu mạnh"]


def test_the_migration_fills_the_search_text_of_existing_questions(questions):
    Question.objects.update(search_text="")
    migration = importlib.import_module("assessments.migrations.0006_question_search_text")
    migration.fill_search_text(django_apps, None)
    assert " trung thuong " in Question.objects.get(pk=questions["by_stem"].pk).search_text
