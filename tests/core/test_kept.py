"""``{% kept %}`` (lms/core/templatetags/kept.py): a part rendered once per
process and key, with ``{% fresh %}`` holes rendered every time, and a guard
that fails a kept part's first render when it reads something its key does
not decide (a per-request value, or a name the key does not cover)."""

import re

import pytest
from django.template import Context, RequestContext, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.utils import translation

from lms.core.templatetags.kept import KeptLeak, forget_all


@pytest.fixture(autouse=True)
def _fresh_process():
    forget_all()
    yield
    forget_all()


def render(source, path="/a/", **context):
    request = RequestFactory().get(path)
    return Template("{% load i18n kept %}" + source).render(RequestContext(request, context))


def test_a_kept_part_is_rendered_once_per_key_and_its_holes_every_time():
    source = (
        '{% kept "t" title %}[{{ title }}]{% fresh %}{{ request.path }}{% endfresh %}{% endkept %}'
    )
    assert render(source, "/a/", title="A") == "[A]/a/"
    assert render(source, "/b/", title="A") == "[A]/b/"
    assert render(source, "/c/", title="B") == "[B]/c/"


def test_a_kept_part_is_kept_per_language():
    source = '{% kept "t" %}{% translate "Sign out" %}{% endkept %}'
    with translation.override("vi"):
        assert render(source) == "Đăng xuất"
    with translation.override("en"):
        assert render(source) == "Sign out"
    with translation.override("vi"):
        assert render(source) == "Đăng xuất"


def test_names_set_inside_the_kept_part_and_loop_names_are_its_own():
    source = (
        '{% kept "t" items %}{% for item in items %}{{ forloop.counter }}{{ item }}{% endfor %}'
        "{% with twice=items|length %}{{ twice }}{% endwith %}{% endkept %}"
    )
    assert render(source, items=("x", "y")) == "1x2y2"


def test_covers_lists_names_the_key_decides():
    source = '{% kept "t" version covers page %}{{ page }}{% endkept %}'
    assert render(source, version=1, page="Trang") == "Trang"


@pytest.mark.parametrize(
    "source, context",
    [
        ('{% kept "t" %}{{ request.path }}{% endkept %}', {}),
        ('{% kept "t" %}{% csrf_token %}{% endkept %}', {}),
        ('{% kept "t" %}{{ user.username }}{% endkept %}', {"user": "an"}),
        ('{% kept "t" user %}{{ user }}{% endkept %}', {"user": "an"}),
        ('{% kept "t" covers request %}{{ request.path }}{% endkept %}', {}),
        ('{% kept "t" %}{{ title }}{% endkept %}', {"title": "A"}),
        ('{% kept "t" page.pk %}{{ other }}{% endkept %}', {"page": 1, "other": 2}),
        ('{% kept "t" %}{% if easy_mode %}big{% endif %}{% endkept %}', {"easy_mode": True}),
        ('{% kept "t" %}{% for message in messages %}{% endfor %}{% endkept %}', {}),
        ('{% kept "t" %}{{ nav.next_url }}{% endkept %}', {"nav": {"next_url": "/n/"}}),
        ('{% kept "t" %}{{ course_next_url }}{% endkept %}', {"course_next_url": "/n/"}),
        ('{% kept "t" %}{{ missing }}{% endkept %}', {}),
    ],
)
def test_a_kept_part_reading_what_its_key_does_not_decide_fails_on_its_first_render(
    source, context
):
    with pytest.raises(KeptLeak):
        render(source, **context)


def test_a_hole_inside_a_condition_of_a_kept_part_is_refused():
    with pytest.raises(TemplateSyntaxError):
        Template(
            '{% load kept %}{% kept "t" %}{% if 1 %}{% fresh %}x{% endfresh %}{% endif %}{% endkept %}'
        )


def test_a_kept_part_inside_a_hole_has_its_own_key_and_holes():
    source = (
        '{% kept "frame" %}<{% fresh %}{% if signed_in %}{% kept "in" %}in:'
        "{% fresh %}{{ request.path }}{% endfresh %}{% endkept %}{% else %}out{% endif %}"
        "{% endfresh %}>{% endkept %}"
    )
    assert render(source, "/a/", signed_in=True) == "<in:/a/>"
    assert render(source, "/b/", signed_in=False) == "<out>"
    assert render(source, "/c/", signed_in=True) == "<in:/c/>"


def test_a_kept_part_inside_a_kept_part_but_outside_a_hole_may_have_no_holes():
    with pytest.raises(TemplateSyntaxError):
        Template(
            '{% load kept %}{% kept "t" %}{% kept "u" %}{% fresh %}x{% endfresh %}'
            "{% endkept %}{% endkept %}"
        )


def test_the_csrf_and_path_holes_are_each_requests_own():
    from django.middleware.csrf import _unmask_cipher_token

    source = (
        '{% kept "t" %}<{% fresh %}{% csrf_input %}{% endfresh %}|{% fresh %}{% csrf_input %}'
        "{% endfresh %}|{% fresh %}{% request_full_path %}{% endfresh %}>{% endkept %}"
    )
    secrets = []
    for path, shown in (("/a/?q=1&r=2", "/a/?q=1&amp;r=2"), ("/c/", "/c/")):
        request = RequestFactory().get(path)
        body = Template("{% load kept %}" + source).render(RequestContext(request, {}))
        tokens = re.findall(r'value="([^"]+)"', body)
        assert len(tokens) == 2 and tokens[0] == tokens[1]
        assert _unmask_cipher_token(tokens[0]) == request.META["CSRF_COOKIE"]
        secrets.append(request.META["CSRF_COOKIE"])
        assert body.endswith(f"|{shown}>")
    assert secrets[0] != secrets[1]


def test_blocks_in_kept_parts_stay_overridable():
    from django.template import engines

    engine = engines["django"].engine
    base = engine.from_string(
        '{% load kept %}{% kept "frame" %}<h1>{% fresh %}{% block title %}base{% endblock %}'
        "{% endfresh %}</h1>{% endkept %}"
    )
    child = engine.from_string("{% extends base %}{% block title %}child{% endblock %}")
    assert child.render(Context({"base": base})) == "<h1>child</h1>"
    assert base.render(Context({})) == "<h1>base</h1>"


def test_a_block_in_a_kept_part_is_kept_per_template_extending_it():
    from django.template import engines

    engine = engines["django"].engine
    base = engine.from_string(
        '{% load kept %}{% kept "frame" %}<h1>{% block title %}base{% endblock %}</h1>{% endkept %}'
    )
    child = engine.from_string("{% extends base %}{% block title %}child{% endblock %}")
    child.origin.name = "child.html"
    base.origin.name = "base.html"
    assert child.render(Context({"base": base})) == "<h1>child</h1>"
    assert base.render(Context({})) == "<h1>base</h1>"


def test_a_context_a_test_client_copied_during_a_first_render_can_be_searched_afterwards():
    # Django's test client keeps a copy of the context of every template rendered,
    # the guard's recorder included when a kept part's first render includes one.
    from copy import copy

    from django.test.signals import template_rendered

    copies = []

    def keep_copy(sender, context, **kwargs):
        copies.append(copy(context))

    template_rendered.connect(keep_copy)
    try:
        inner = Template("{{ title }}")
        assert (
            render(
                '{% kept "t" inner title %}{% include inner %}{% endkept %}', inner=inner, title="A"
            )
            == "A"
        )
    finally:
        template_rendered.disconnect(keep_copy)
    assert copies
    assert all("preview" not in context for context in copies)


def test_a_hole_unless_a_key_is_kept_under_that_key_and_fresh_without_it():
    source = (
        '{% kept "t" %}<{% fresh unless version covers page %}{{ page }}{% endfresh %}>'
        "{% endkept %}"
    )
    # With a key: kept with the rest, per key.
    assert render(source, version=1, page="A") == "<A>"
    assert render(source, version=1, page="changed without a new version") == "<A>"
    assert render(source, version=2, page="B") == "<B>"
    # Without one: a hole, rendered every time.
    assert render(source, version=None, page="C") == "<C>"
    assert render(source, version=None, page="D") == "<D>"


def test_a_kept_hole_reading_what_its_key_does_not_decide_fails_on_its_first_render():
    source = (
        '{% kept "t" %}{% fresh unless version covers page %}{{ page }}{{ request.path }}'
        "{% endfresh %}{% endkept %}"
    )
    assert render(source, version=None, page="A") == "A/a/"  # a hole: reads what it likes
    with pytest.raises(KeptLeak):
        render(source, version=1, page="A")
    with pytest.raises(KeptLeak):
        render(
            '{% kept "u" %}{% fresh unless version %}{{ page }}{% endfresh %}{% endkept %}',
            version=1,
            page="A",
        )


@pytest.mark.parametrize(
    "path",
    ["/khoa-hoc/an-toan/", "/a/?q=1&r=2", "/thư-viện/bài/", "/a%20b/", '/x"<y>/', "/a/?next=/b/"],
)
def test_the_path_hole_writes_what_django_escapes(path):
    from django.utils.html import conditional_escape

    request = RequestFactory().get(path)
    body = Template("{% load kept %}{% request_full_path %}").render(RequestContext(request, {}))
    assert body == conditional_escape(request.get_full_path())


def test_the_csrf_hole_writes_djangos_field():
    from django.template.defaulttags import CsrfTokenNode

    request = RequestFactory().get("/")
    context = RequestContext(request, {})
    with context.bind_template(Template("")):
        ours = Template("{% load kept %}{% csrf_input %}").render(context)
        django_field = CsrfTokenNode().render(context)
    assert re.sub(r'value="\w+"', "", ours) == re.sub(r'value="\w+"', "", django_field)
    assert ours.startswith('<input type="hidden" name="csrfmiddlewaretoken" value="')
