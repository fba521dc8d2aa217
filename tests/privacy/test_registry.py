"""Every app declares the personal data it holds; a model that gains a link to a
person or a personal-looking field without a declaration fails here."""

import re

from django.apps import apps
from django.conf import settings

from lms.privacy.export import exported_fields
from lms.privacy.registry import holdings, holdings_of

OUR_APPS = ("lms", "assessments", "cms", "courses", "movement")
PERSONAL = re.compile(
    r"(^|_)(phone|email|birth|full_name|first_name|last_name|display_name|guardian"
    r"|address|ip_address|user_agent)(_|$)"
)
# Fields whose names look personal but hold nothing about a person.
NOT_PERSONAL = {"live.LiveSession.stem_on_phones", "courses.CommunityClass.place_address"}


def _our_models():
    for config in apps.get_app_configs():
        if config.name.startswith(OUR_APPS):
            yield from config.get_models()


def undeclared() -> list[str]:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    missing = []
    for model in _our_models():
        label = model._meta.label
        declared = holdings_of(label)
        persons = {h.person_field for h in declared}
        fields = {name for h in declared for name in h.fields}
        for field in model._meta.local_concrete_fields:
            if field.is_relation and field.related_model is user_model:
                if field.name not in persons:
                    missing.append(f"{label}.{field.name} (a link to a person)")
            elif PERSONAL.search(field.name) and f"{label}.{field.name}" not in NOT_PERSONAL:
                if field.name not in fields and model is not user_model:
                    missing.append(f"{label}.{field.name}")
                if model is user_model and field.name not in fields:
                    missing.append(f"{label}.{field.name}")
        for field in model._meta.local_many_to_many:
            if field.related_model is user_model and field.name not in persons:
                missing.append(f"{label}.{field.name} (people)")
    return missing


def test_every_link_to_a_person_and_every_personal_field_is_declared():
    missing = undeclared()
    assert missing == [], "declare these in the app's privacy.py: " + ", ".join(missing)


def test_a_forgotten_declaration_is_caught(monkeypatch):
    from lms.privacy import registry

    kept = [h for h in registry._holdings if h.model != "certificates.Certificate"]
    monkeypatch.setattr(registry, "_holdings", kept)
    missing = undeclared()
    assert "certificates.Certificate.full_name" in missing
    assert "certificates.Certificate.user (a link to a person)" in missing


def test_the_copy_holds_every_declared_personal_field():
    for holding in holdings():
        assert set(holding.fields) <= set(exported_fields(holding)), holding.model
        model = holding.model_class
        for name in (*holding.fields, *holding.exported):
            model._meta.get_field(name)  # a typo in a declaration fails here


def test_every_holding_says_why_who_and_how_long():
    for holding in holdings():
        assert str(holding.category) and str(holding.purpose)
        assert str(holding.seen_by) and str(holding.kept_for)
        assert holding.on_erase in ("delete", "anonymise", "detach")
