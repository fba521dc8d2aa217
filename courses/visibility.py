"""Which steps of an outline a visitor may see: a step whose library item sits
behind a Wagtail view restriction the visitor does not pass shows as a
restricted step (a short line saying why, no title, no link), everywhere a
step is named: the course page, the step page's previous/next links, the
"do this first" page, "Học tập của tôi", the home page's next step, an
ambassador's follow-up list.

- a group restriction the visitor is not in, a login restriction for an
  anonymous visitor, an item taken off the library: hidden. Nothing the
  learner can do opens it, so its title would only tease (and may itself be
  what the group keeps to itself);
- a password restriction: the title stays, with a lock, and the link too:
  the password (given out in class) is the way in, and the step page shows
  Wagtail's password form;
- a quiz step is judged by the quiz's own rule: an unpublished quiz is
  hidden like an unpublished item, and a quiz the signed-in learner's audience
  may not take (another audience's, not open for practice;
  assessments.audience_access) is hidden with that reason: its button would
  only lead to "not found".

The "continue" button and every "next step" pass over hidden steps.

Completion is not changed by who may see what: a course is complete when
every required step is done (courses.progress.is_complete), since completion
can be a certificate rule and must not be earned by being kept out of a step.
A required step the learner cannot open therefore keeps the course
incomplete, and the learner is told which step and whom to ask
(``stuck_note``); editors are warned when they save such a course
(courses.admin_warnings).

The restrictions of every step's page (its own and its ancestors') are read
with the outline (outline_cache.build_outline, one query) and kept with it; a
restriction saved, deleted or given other groups makes the outline stale.
The visitor's groups come from the session under the permissions generation
(lms.accounts.admin_access.known_roles), so a warm page asks no query."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

UNPUBLISHED, GROUPS, LOGIN, PASSWORD = "unpublished", "groups", "login", "password"
AUDIENCE = "audience"
HIDDEN = frozenset({UNPUBLISHED, GROUPS, LOGIN, AUDIENCE})

NOTES = {
    GROUPS: _("This step is reserved for a group of learners"),
    LOGIN: _("Sign in to see this step"),
    UNPUBLISHED: _("This step is not available yet"),
    PASSWORD: _("Needs a password"),
    AUDIENCE: _("This step's quiz is for another audience"),
}


@dataclass(frozen=True)
class Rule:
    """A view restriction on a step's page or above it, as the outline keeps it."""

    kind: str
    restriction_id: int
    groups: frozenset[str] = frozenset()


def attach_rules(steps) -> None:
    """Set ``outline_rules`` on each library step: the view restrictions on its
    page and the page's ancestors, for all the steps in one query (two when
    some restriction names groups)."""
    from wagtail.models import PageViewRestriction

    paged = [step for step in steps if step.page_id and step.page is not None]
    prefixes = set()
    for step in paged:
        path, width = step.page.path, step.page.steplen
        prefixes.update(path[:end] for end in range(width, len(path) + 1, width))
    rows = []
    if prefixes:
        rows = list(
            PageViewRestriction.objects.filter(page__path__in=prefixes)
            .select_related("page")
            .only("id", "restriction_type", "page__path")
            .prefetch_related("groups")
        )
    found = [
        (
            row.page.path,
            Rule(row.restriction_type, row.pk, frozenset(group.name for group in row.groups.all())),
        )
        for row in rows
    ]
    for step in paged:
        step.outline_rules = tuple(rule for path, rule in found if step.page.path.startswith(path))


class Viewer:
    """Who is looking: from the request (the groups from the session, the
    passwords given in it), or a learner seen by someone else (an ambassador)."""

    def __init__(self, user, request=None):
        self.user = user
        self.request = request

    @classmethod
    def of(cls, request) -> Viewer:
        return cls(request.user, request)

    def in_any(self, names) -> bool:
        user = self.user
        if not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        if getattr(user, "_role_names", None) is None and self.request is not None:
            from lms.accounts.admin_access import known_roles

            known_roles(self.request)  # from the session, under the permissions generation
        if getattr(user, "_role_names", None) is None:
            user._role_names = set(user.groups.values_list("name", flat=True))
        return bool(user._role_names & names)

    def passed(self, restriction_id: int) -> bool:
        from wagtail.models import PageViewRestriction

        session = getattr(self.request, "session", None)
        if session is None or not self.user.is_authenticated:
            # The same lock for every anonymous visitor: their pages are cached for all.
            return False
        key = PageViewRestriction.passed_view_restrictions_session_key
        return restriction_id in session.get(key, [])


def quiz_barrier(viewer: Viewer, quiz) -> str | None:
    """What keeps this visitor from a quiz step (None: nothing). An anonymous
    visitor is not judged by audience: signing in comes first."""
    from assessments.actions.quiz_access import access_for
    from assessments.audience_access import quiz_access

    if quiz is None or not quiz.is_published:
        return UNPUBLISHED
    user = viewer.user
    if not user.is_authenticated:
        return None
    # As the quiz pages decide (access_quiz_for_learner): the permission queries
    # only when the audience and the practice opening do not already decide.
    opened = quiz_access(
        quiz_audience=quiz.audience,
        open_for_practice=quiz.open_for_practice,
        learner_audience=getattr(user, "audience", "") or "",
    ) or access_for(user, quiz)
    return None if opened else AUDIENCE


def barrier(viewer: Viewer, step) -> str | None:
    """What keeps this visitor from the step's item (None: nothing)."""
    if step.quiz_id:
        return quiz_barrier(viewer, step.quiz)
    if not step.page_id:
        return None
    if step.page is None or not step.page.live:
        return UNPUBLISHED
    if not hasattr(step, "outline_rules"):
        attach_rules([step])  # a step not read through the outline cache
    rules = step.outline_rules
    if any(rule.kind == GROUPS and not viewer.in_any(rule.groups) for rule in rules):
        return GROUPS
    if not viewer.user.is_authenticated and any(rule.kind == LOGIN for rule in rules):
        return LOGIN
    if any(rule.kind == PASSWORD and not viewer.passed(rule.restriction_id) for rule in rules):
        return PASSWORD
    return None


def judge(state, viewer: Viewer):
    """Set ``state.barriers`` ({step id: what keeps the visitor out}) and return the state."""
    missing = [step for step in state.steps if step.page_id and not hasattr(step, "outline_rules")]
    if missing:
        attach_rules(missing)
    barriers = {}
    for step in state.steps:
        found = barrier(viewer, step)
        if found is not None:
            barriers[step.pk] = found
    state.barriers = barriers
    return state


def note(kind: str | None) -> str:
    return str(NOTES[kind]) if kind in NOTES else ""


def stuck_note(state) -> str:
    """What to tell a learner whose course cannot be completed: the required
    steps still to do that they cannot open ("" when there are none)."""
    if state.complete:
        return ""
    positions = state.stuck_positions
    if not positions:
        return ""
    joined = ", ".join(str(position) for position in positions)
    return ngettext(
        "You cannot complete this course yet: step %(positions)s is not open to you. "
        "Ask your instructor.",
        "You cannot complete this course yet: steps %(positions)s are not open to you. "
        "Ask your instructor.",
        len(positions),
    ) % {"positions": joined}
