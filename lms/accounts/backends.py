from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .phone import InvalidPhoneNumber, looks_like_phone, normalize_vn_mobile


def find_user_by_identifier(identifier: str):
    """The account a login identifier names: a mobile number in any accepted
    form, or a username (case-insensitive). None when there is none."""
    user_model = get_user_model()
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    if looks_like_phone(identifier):
        try:
            phone = normalize_vn_mobile(identifier)
        except InvalidPhoneNumber:
            phone = None
        if phone:
            user = user_model.objects.filter(phone=phone).first()
            if user:
                return user
    return user_model.objects.filter(username__iexact=identifier).first()


def axes_identity(request, credentials) -> str:
    """What django-axes counts failures against: the same account whichever way
    its phone number is typed."""
    identifier = ((credentials or {}).get("username") or "").strip()
    if looks_like_phone(identifier):
        try:
            return normalize_vn_mobile(identifier)
        except InvalidPhoneNumber:
            pass
    return identifier.lower()


class PhoneOrUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = find_user_by_identifier(username)
        if user is None:
            # Same cost as a real check, so timing does not reveal which accounts exist.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
