"""Whether a signed-in visitor may open the Wagtail admin, known without a query
on most requests: the editors' user bar (``{% editor_userbar %}``) asks on every
library, course and home page, and Django answers by loading all of the user's
permissions (two queries), even for a learner who has none.

The answer is kept in the visitor's session beside the permissions generation
it was worked out under. Any change to who is in which group, a group's
permissions or a user's own permissions bumps that generation, so the next
request works it out again. Superusers and inactive accounts are judged from
the user row itself."""

from __future__ import annotations

from lms.core.generation import CacheGeneration

ADMIN_PERMISSION = "wagtailadmin.access_admin"
SESSION_KEY = "hvs_admin_access"
PERMISSIONS = CacheGeneration("hvs:permissions:generation")


def permissions_changed(**_kwargs) -> None:
    """m2m_changed / post_save / post_delete receiver for groups and permissions."""
    PERMISSIONS.bump()


def may_open_admin(request) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    session = getattr(request, "session", None)
    if session is None:
        return user.has_perm(ADMIN_PERMISSION)
    current = PERMISSIONS.current()
    kept = session.get(SESSION_KEY)
    if kept is not None and kept[0] == current and kept[2] == user.pk:
        return kept[1]
    allowed = user.has_perm(ADMIN_PERMISSION)
    session[SESSION_KEY] = [current, allowed, user.pk]
    return allowed


ROLES_SESSION_KEY = "hvs_role_names"


def kept_in_session(request, key: str, work_out, *, also=()):
    """``work_out()`` for the signed-in visitor, kept in their session beside
    the permissions generation, their id and ``also`` (the user's own fields
    the answer depends on): worked out again on the first request after any of
    them changes. For answers that only roles, permissions and those fields
    decide (or whatever else bumps the generation when it changes)."""
    user, session = request.user, request.session
    stamp = [PERMISSIONS.current(), user.pk, *also]
    kept = session.get(key)
    if kept is not None and kept[:-1] == stamp:
        return kept[-1]
    value = work_out()
    session[key] = [*stamp, value]
    return value


def known_roles(request) -> None:
    """Give ``request.user`` its group names (what ``roles.has_role`` reads) from
    the session, kept beside the permissions generation like the admin flag:
    a page that only asks "may this visitor enrol others?" costs no query."""
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    if user is None or session is None or not user.is_authenticated:
        return
    if getattr(user, "_role_names", None) is not None:
        return
    names = kept_in_session(
        request,
        ROLES_SESSION_KEY,
        lambda: sorted(user.groups.values_list("name", flat=True)),
    )
    user._role_names = set(names)
