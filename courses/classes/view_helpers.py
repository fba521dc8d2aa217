"""What every class page does first: sign in, then find the class in scope."""

from functools import wraps

from django.http import Http404

from lms.accounts.access import ask_to_sign_in, deny_unless_role
from lms.accounts.roles import Role

from .access import access_class, may_manage_classes
from .errors import ClassNotFound

CLASS_ROLES = [Role.INSTRUCTOR, Role.UNIT_MANAGER, Role.ADMINISTRATOR]


def class_staff_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return ask_to_sign_in(request)
        if not may_manage_classes(request.user):
            return deny_unless_role(request, CLASS_ROLES)
        return view(request, *args, **kwargs)

    return wrapped


def with_class(view):
    """``view(request, community_class, …)`` for a class in the user's scope; 404 otherwise."""

    @wraps(view)
    @class_staff_required
    def wrapped(request, class_id, *args, **kwargs):
        try:
            community_class = access_class(request.user, class_id)
        except ClassNotFound as exc:
            raise Http404(str(exc.message)) from exc
        return view(request, community_class, *args, **kwargs)

    return wrapped
