"""One error base for every action: a stable ``code``, an HTTP ``status`` and a
translated message. Views and the API turn these into 4xx responses."""

from django.utils.translation import gettext_lazy as _


class ActionError(Exception):
    status = 400
    code = "invalid"
    default_message = _("The request could not be carried out.")

    def __init__(self, message=None, **params):
        self.message = message or self.default_message
        self.params = params
        super().__init__(str(self.message))


class PermissionDenied(ActionError):
    status = 403
    code = "permission_denied"
    default_message = _("You do not have permission to do this.")


class NotFound(ActionError):
    # Things outside one's scope are "not found", never "forbidden": no ids leak.
    status = 404
    code = "not_found"
    default_message = _("This item does not exist or is outside your scope.")


class Conflict(ActionError):
    # The request was fine but the thing's state refuses it (closed, submitted, too small).
    status = 409
    code = "conflict"
    default_message = _("This can no longer be done: the item has changed state.")


class RateLimited(ActionError):
    status = 429
    code = "rate_limited"
    default_message = _("Too many attempts. Please wait a moment and try again.")
