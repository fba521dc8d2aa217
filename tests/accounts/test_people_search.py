"""Managers find people however the name or number is typed."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from lms.accounts.roles import Role
from lms.accounts.search import query_terms

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(client, make_user, unit_tree):
    manager = make_user(Role.UNIT_MANAGER, home_unit=unit_tree["hoan_kiem"])
    ward = unit_tree["village"]
    found = {
        "binh": make_user(full_name="Lê Thị Bình", home_unit=ward),
        "tran": make_user(full_name="Trần Văn Đức", home_unit=ward, email="duc@example.org"),
        "phone": make_user(full_name="Phạm Minh", phone="+84987654321", home_unit=ward),
    }
    make_user(full_name="Ngô Quốc Khánh", phone="+84912345678", home_unit=ward)
    client.force_login(manager)
    return found


def listed(client, query) -> list[str]:
    response = client.get(reverse("accounts:manage_people"), {"q": query})
    assert response.status_code == 200
    return sorted(person.full_name for person in response.context["page"].object_list)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("binh", ["Lê Thị Bình"]),
        ("BÌNH", ["Lê Thị Bình"]),
        ("tran", ["Trần Văn Đức"]),
        ("tran duc", ["Trần Văn Đức"]),
        ("0987654321", ["Phạm Minh"]),
        ("0987 654 321", ["Phạm Minh"]),
        ("+84987654321", ["Phạm Minh"]),
        ("+84 987 654 321", ["Phạm Minh"]),
        ("654 321", ["Phạm Minh"]),
    ],
)
def test_people_search_folds_marks_and_reads_phone_numbers(client, people, query, expected):
    assert listed(client, query) == expected


def test_people_search_follows_renames(client, people):
    person = people["binh"]
    person.full_name = "Lê Thị Hoà"
    person.save(update_fields=["full_name"])
    assert listed(client, "binh") == []
    assert listed(client, "hoa") == ["Lê Thị Hoà"]


def test_the_migration_fills_the_search_text_of_existing_accounts(people):
    from lms.accounts.models import User

    User.objects.update(search_text="")
    migration = importlib.import_module("lms.accounts.migrations.0005_user_search_text")
    migration.fill_search_text(django_apps, None)
    assert " binh " in User.objects.get(pk=people["binh"].pk).search_text
    assert " 0987654321 84987654321 " in User.objects.get(pk=people["phone"].pk).search_text


def test_query_terms():
    assert query_terms("  Trần   TRẦN bình ") == ["tran", "binh"]
    assert query_terms("0987.654.321") == ["0987654321"]
    assert query_terms("") == []
