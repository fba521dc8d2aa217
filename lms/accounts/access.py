"""Staff pages: who is turned away, and how.

Anonymous visitors go to the login page with a message saying why; a signed-in
user without the role gets a 403 naming the roles the page is for. Sending a
signed-in user to the login page instead loops: the login page sends signed-in
users back to `next` (ERR_TOO_MANY_REDIRECTS)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .roles import ROLE_PERMISSIONS, Role

# Who a page is "for", in the plural, as the 403 page names them.
ROLE_PLURALS = {
    Role.INSTRUCTOR: _("instructors"),
    Role.EDITOR: _("editors"),
    Role.REVIEWER: _("reviewers"),
    Role.UNIT_MANAGER: _("unit managers"),
    Role.ADMINISTRATOR: _("administrators"),
}


def roles_with_permission(permission: str) -> list[Role]:
    """The roles granted `permission` by name; administrators hold everything,
    so they are named only when no other role has it."""
    named = [
        role
        for role, granted in ROLE_PERMISSIONS.items()
        if role in ROLE_PLURALS and role != Role.ADMINISTRATOR and permission in granted
    ]
    return named or [Role.ADMINISTRATOR]


def roles_for(permissions) -> list[Role]:
    if isinstance(permissions, str):
        permissions = [permissions]
    roles: list[Role] = []
    for permission in permissions:
        roles += [role for role in roles_with_permission(permission) if role not in roles]
    return roles


def forbidden_message(roles: list[Role]) -> str:
    names = ", ".join(str(ROLE_PLURALS[role]) for role in roles)
    return gettext(
        "This page is for %(roles)s. Your account does not have that role: ask your unit's "
        "administrator if you need it."
    ) % {"roles": names}


SIGN_IN_MESSAGE = _("Please sign in to open this page.")


def ask_to_sign_in(request):
    """The login redirect, with a message saying why (shown on the login page)."""
    messages.info(request, SIGN_IN_MESSAGE)
    return redirect_to_login(request.get_full_path())


def deny(request, permissions):
    """What a staff page answers to someone without its permission."""
    return deny_unless_role(request, roles_for(permissions))


def deny_unless_role(request, roles: list[Role]):
    """For pages whose check is not one permission (e.g. "manages a unit")."""
    if not request.user.is_authenticated:
        return ask_to_sign_in(request)
    raise PermissionDenied(forbidden_message(roles))


def staff_permission_required(*permissions: str):
    """Function-view decorator: sign in first, then hold every permission."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not (request.user.is_authenticated and request.user.has_perms(permissions)):
                return deny(request, permissions)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def signed_in_required(view):
    """login_required, with a message on the login page saying why."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return ask_to_sign_in(request)
        unwrap_user(request)
        return view(request, *args, **kwargs)

    return wrapped


def unwrap_user(request) -> None:
    """Once the visitor's user is loaded, ``request.user`` is the user itself
    rather than Django's lazy wrapper, whose proxy every later read (the view,
    the templates, some forty per page) pays."""
    from django.utils.functional import empty

    loaded = getattr(request.user, "_wrapped", empty)  # a user model has no _wrapped
    if loaded is not empty:
        request.user = loaded
