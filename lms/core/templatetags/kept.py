"""``{% kept %}``: a stretch of template rendered once per process and key,
with holes rendered on every request.

    {% load kept %}
    {% kept "item-body" body_cache_key easy_mode covers page topics %}
      … the same for every visitor of this key …
      {% fresh %}{% csrf_token %} {{ request.get_full_path }}{% endfresh %}
      …
    {% endkept %}

Most of a signed-in learner's page (the site's frame, the item's body) is the
same for every visitor; rendering it costs more CPU than everything else the
request does. The kept parts are stored per process (shared by a worker's
threads: a part is never changed once stored, so two threads racing on a new
key only render it twice) under the name, the active language and the key's values;
the ``{% fresh %}`` holes (the CSRF token, the request's path, the learner's
own parts) are rendered each time.

The guard: the first render of a key records every context name the kept
parts read. A name the key does not cover (a key value's root name, or one
listed after ``covers``) or a per-request name (``PER_REQUEST``: the request,
the user, the CSRF token…) raises ``KeptLeak``, so a part that would show one
visitor's data to the next fails its first test instead."""

from __future__ import annotations

import re

from django import template
from django.core.signals import setting_changed
from django.template.base import FilterExpression, Node
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# A path that URI escaping and HTML escaping both leave as it is.
_PLAIN_PATH = re.compile(r"[A-Za-z0-9/_.~-]*")

# Never the same from one request to the next: no key may cover them.
PER_REQUEST = frozenset(
    {
        "request",
        "user",
        "perms",
        "csrf_token",
        "messages",
        "DEFAULT_MESSAGE_LEVELS",
        "view",
        # The learner's own course parts (courses/views.py, courses/outline.py).
        "nav",
        "course_state",
        "course_modules",
        "course_next_url",
        "course_next_step",
        "course_stuck_note",
        "can_enrol_others",
    }
)
# Fixed for the process, or decided by the language (always part of the key).
ALWAYS_COVERED = frozenset(
    {"LANGUAGE_CODE", "LANGUAGE_BIDI", "LANGUAGES", "block", "forloop", "True", "False", "None"}
)
# Item bodies are a few kB each: a worker keeps at most some tens of MB.
MAX_KEPT = 2000

_kept: dict[tuple, list] = {}


class KeptLeak(Exception):
    """A kept part read something its key does not decide."""


class _Recorder(dict):
    """Pushed on top of the context while a kept part is first rendered: every
    lookup that reaches the context's own names passes through it."""

    def __init__(self, dicts: list):
        super().__init__()
        self.read: set[str] = set()
        self.dicts = dicts

    def __contains__(self, name):
        if dict.__contains__(self, name):
            return True  # set by the kept part itself ({% … as name %})
        position = next((i for i, d in enumerate(self.dicts) if d is self), None)
        if position is None:
            # The first render is over; a copy of its context (a test client's) is being read.
            return False
        above = self.dicts[position + 1 :]
        if not any(name in d for d in above):  # not a name the kept part set ({% with %})
            self.read.add(name)
        return False


class FreshNode(Node):
    """A hole. ``{% fresh unless key covers name… %}``: a hole only where ``key``
    is empty; where the page gives one, its content is kept with the rest of
    the kept part under that key too (the key decides the names after covers)."""

    def __init__(self, nodelist, unless: FilterExpression | None = None, covers=frozenset()):
        self.nodelist = nodelist
        self.unless = unless
        self.covers = frozenset(covers) | ({_root(unless)} if unless is not None else set())
        # Most holes hold one node: render it without the list's join.
        self.only = nodelist[0] if len(nodelist) == 1 else None

    def render(self, context):
        if self.only is not None:
            return self.only.render_annotated(context)
        return self.nodelist.render(context)


class CsrfInputNode(Node):
    """``{% csrf_token %}``: the same token for the whole page (Django's
    context processor gives one per render), worked out again if the
    request's secret changed meanwhile (a sign-in rotates it). Django's
    field, written out directly when the token is plain letters and digits
    (as Django makes them: nothing to escape)."""

    def render(self, context):
        request = context.get("request")
        if request is None:
            return CsrfTokenNode().render(context)
        kept = request.__dict__.get("_hvs_csrf_input")
        if kept is not None and kept[0] == request.META.get("CSRF_COOKIE"):
            return kept[1]
        token = str(context.get("csrf_token") or "")
        if token.isascii() and token.isalnum() and token != "NOTPROVIDED":  # noqa: S105
            html = mark_safe(f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">')  # noqa: S308
        else:
            html = CsrfTokenNode().render(context)
        request._hvs_csrf_input = (request.META.get("CSRF_COOKIE"), html)
        return html


class FullPathNode(Node):
    """``{{ request.get_full_path }}``, escaped once per request (the frame's
    two "come back here" fields)."""

    def render(self, context):
        request = context.get("request")
        if request is None:
            return ""
        found = request.__dict__.get("_hvs_full_path_html")
        if found is None:
            path = request.path
            if not request.META.get("QUERY_STRING") and _PLAIN_PATH.fullmatch(path):
                found = mark_safe(path)  # noqa: S308 - nothing in it to escape, for a URI or HTML
            else:
                found = conditional_escape(request.get_full_path())
            request._hvs_full_path_html = found
        return found


class KeptNode(Node):
    child_nodelists = ("nodelist",)

    def __init__(self, name: str, key: list[FilterExpression], covers: set[str], nodelist):
        self.name = name
        # A conditional hole's key is part of the kept part's: kept with it or not.
        conditions = {
            node.unless.token: node.unless
            for node in nodelist
            if isinstance(node, FreshNode) and node.unless is not None
        }
        key = [*key, *(expression for token, expression in conditions.items())]
        self.key = key
        self.covers = covers | {_root(expression) for expression in key}
        self.nodelist = nodelist
        self._by_type: dict[type, list] = {}
        if any(_holds_hole(node) for node in nodelist if not isinstance(node, FreshNode)):
            # One inside an {% if %} would be rendered once and kept with the rest.
            # (A hole's own content is rendered every time: a kept part in it has its own holes.)
            raise template.TemplateSyntaxError(f"{name}: a {{% fresh %}} hole must not be nested")

    def get_nodes_by_type(self, nodetype):
        # Asked on every render of a template extending this one ({% extends %}
        # collects the parent's blocks); a parsed template never changes.
        found = self._by_type.get(nodetype)
        if found is None:
            found = self._by_type[nodetype] = super().get_nodes_by_type(nodetype)
        return found

    def render(self, context):
        # The template rendered decides which blocks fill a kept part: each
        # template extending this one keeps its own.
        rendered = getattr(context.template, "origin", None)
        key = (
            self.name,
            getattr(rendered, "name", None),
            get_language(),
            *[value.resolve(context) for value in self.key],
        )
        try:
            parts = _kept.get(key)
        except TypeError:  # a key value that cannot be hashed: say so, never guess
            raise KeptLeak(f"{self.name}: the key's values must be hashable") from None
        if parts is None:
            parts = self._build(context)
            if len(_kept) >= MAX_KEPT:
                _kept.clear()
            _kept[key] = parts
        # Like any node's output: already escaped, joined into the template's text.
        return "".join([part if isinstance(part, str) else part.render(context) for part in parts])

    def _build(self, context) -> list:
        recorder = _Recorder(context.dicts)
        context.dicts.append(recorder)
        try:
            parts = []
            for node in self.nodelist:
                if isinstance(node, FreshNode):
                    if node.unless is None or not node.unless.resolve(context):
                        parts.append(node)
                        continue
                    text = self._kept_hole(node, context, recorder)
                else:
                    text = str(node.render_annotated(context))
                if parts and isinstance(parts[-1], str):
                    parts[-1] += text
                else:
                    parts.append(text)
        finally:
            del context.dicts[next(i for i, d in enumerate(context.dicts) if d is recorder)]
        self._check(recorder.read, self.covers)
        return parts

    def _kept_hole(self, node: FreshNode, context, recorder: _Recorder) -> str:
        """A conditional hole's content, kept: what it reads may also be what
        its own covers name."""
        outside, recorder.read = recorder.read, set()
        try:
            text = str(node.nodelist.render(context))
            self._check(recorder.read, self.covers | node.covers)
        finally:
            recorder.read = outside
        return text

    def _check(self, read: set[str], covers: set[str]) -> None:
        per_request = read & PER_REQUEST
        uncovered = read - covers - ALWAYS_COVERED
        if per_request or uncovered:
            raise KeptLeak(
                f"{{% kept {self.name} %}} reads {sorted(per_request | uncovered)}: "
                "put it in a {% fresh %} hole or in the key"
            )


def _holds_hole(node) -> bool:
    if isinstance(node, FreshNode):
        return True
    return any(
        _holds_hole(child)
        for attr in node.child_nodelists
        for child in getattr(node, attr, None) or ()
    )


def _root(expression: FilterExpression) -> str:
    return str(expression.var).split(".")[0]


@register.tag("kept")
def do_kept(parser, token):
    bits = token.split_contents()[1:]
    if not bits or bits[0][0] not in "\"'":
        raise template.TemplateSyntaxError('{% kept "name" key… [covers name…] %}')
    # Two templates never share a kept part, whatever they call it.
    name = f"{getattr(parser.origin, 'name', '')}:{bits[0][1:-1]}"
    covers: set[str] = set()
    if "covers" in bits:
        at = bits.index("covers")
        bits, covers = bits[:at], set(bits[at + 1 :])
    key = [parser.compile_filter(bit) for bit in bits[1:]]
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(name, key, covers, nodelist)


@register.tag("fresh")
def do_fresh(parser, token):
    bits = token.split_contents()[1:]
    unless, covers = None, set()
    if bits:
        if bits[0] != "unless" or len(bits) < 2 or (len(bits) > 2 and bits[2] != "covers"):
            raise template.TemplateSyntaxError("{% fresh [unless key [covers name…]] %}")
        unless, covers = parser.compile_filter(bits[1]), set(bits[3:])
    nodelist = parser.parse(("endfresh",))
    parser.delete_first_token()
    return FreshNode(nodelist, unless, covers)


@register.tag("csrf_input")
def do_csrf_input(parser, token):
    return CsrfInputNode()


@register.tag("request_full_path")
def do_request_full_path(parser, token):
    return FullPathNode()


def forget_all(**_kwargs) -> None:
    """A setting changed under a running process (tests): the frame's URLs and
    static paths may differ."""
    _kept.clear()


setting_changed.connect(forget_all, dispatch_uid="kept_forget_all")
