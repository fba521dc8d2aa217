"""The easy reading mode ("chế độ dễ đọc", for older learners): larger text,
higher contrast, bigger targets, practice without timers. Remembered on the
device (a cookie, so anonymous pages and the page cache honour it without a
session) and on the account (so it follows the learner to another phone)."""

from django.conf import settings

COOKIE = "hvs_easy"
ONE_YEAR = 365 * 24 * 3600


def easy_mode_on_device(request) -> bool:
    return request.COOKIES.get(COOKIE) == "1"


def easy_mode_for(request) -> bool:
    if easy_mode_on_device(request):
        return True
    if request.COOKIES.get(COOKIE) == "0":
        return False  # switched off on this device
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.easy_mode)


def context(request):
    return {"easy_mode": easy_mode_for(request)}


def remember(response, on: bool) -> None:
    response.set_cookie(
        COOKIE,
        "1" if on else "0",
        max_age=ONE_YEAR,
        samesite="Lax",
        secure=not settings.DEBUG and settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
