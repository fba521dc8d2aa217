"""A learner's everyday work (enrolling, completing a step) writes rows that no
dashboard figure is made of: the managers' cached figures stay warm through it,
so a busy hour of learning does not make every dashboard request recompute."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.cms.fixtures import library, make_image, make_item  # noqa: F401
from tests.courses.conftest import course_index, make_course  # noqa: F401
from tests.movement.test_figures_cache import open_dashboard

pytestmark = pytest.mark.django_db


def test_a_learner_completing_a_step_leaves_the_dashboard_cache_warm(
    client,
    manager,
    make_user,
    residents,
    ward,
    make_course,  # noqa: F811
    make_item,  # noqa: F811
):
    guide = make_item("Hướng dẫn VNeID", kind="guide")
    lesson = make_item("Bài học mật khẩu", kind="lesson")
    course = make_course([guide, lesson])
    client.force_login(manager)
    _first, reads = open_dashboard(client, ward["ward"])
    assert reads == 1

    learner = Client()
    learner.force_login(make_user(home_unit=ward["g1"], audience="resident"))
    assert learner.post(reverse("courses:enrol", args=[course.slug])).status_code in (200, 302)
    step = course.steps.order_by("sort_order").first()
    done = learner.post(
        reverse("courses:progress", args=[course.slug, step.pk]), {"event": "confirm"}
    )
    assert done.status_code in (200, 302)
    from courses.models import StepProgress

    assert StepProgress.objects.filter(step=step, done_at__isnull=False).exists()

    _again, reads = open_dashboard(client, ward["ward"])
    assert reads == 0


def test_every_source_model_named_exists():
    """A renamed model must not silently stop invalidating the figures."""
    from django.apps import apps

    from movement.figures_cache import PERSON_MODEL, SOURCE_MODELS

    for label in (*SOURCE_MODELS, PERSON_MODEL):
        assert apps.get_model(label)._meta.label == label


def test_moving_a_person_makes_the_figures_stale_signing_in_does_not(
    client, manager, make_user, residents, ward
):
    person = residents["g1"][0]
    client.force_login(manager)
    open_dashboard(client, ward["ward"])
    person.save(update_fields=["last_login"])
    make_user(home_unit=ward["g2"])  # a new account is in no figure yet
    _body, reads = open_dashboard(client, ward["ward"])
    assert reads == 0
    person.home_unit = ward["g2"]  # class participants count by home unit
    person.save()
    _body, reads = open_dashboard(client, ward["ward"])
    assert reads == 1
