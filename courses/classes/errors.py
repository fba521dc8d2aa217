from django.utils.translation import gettext_lazy as _

from lms.errors import ActionError, NotFound


class ClassNotFound(NotFound):
    code = "class_not_found"
    default_message = _("This class does not exist or is not one of yours.")


class ClassError(ActionError):
    code = "class_invalid"


class WrongClassMark(ActionError):
    code = "attendance_wrong_class"
    default_message = _(
        "This mark is for a session or a learner of another class. Nothing was changed."
    )


class CardRefused(ActionError):
    status = 403
    code = "login_card_refused"
    default_message = _("This login card is not valid. Check the code or ask your instructor.")


class CardRevoked(CardRefused):
    code = "login_card_revoked"
    default_message = _("This login card has been revoked. Ask your instructor for a new card.")
