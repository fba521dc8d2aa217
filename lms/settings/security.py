"""Accounts and security: the user model, password hashing and rules, sign-in
lock-outs (axes), rate limits of the forms strangers can reach, cookies."""

from .environment import env

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Refuses locked-out accounts and IPs before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "lms.accounts.backends.PhoneOrUsernameBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "/"

# How many proxies we run in front of Django (deploy/nginx.conf: 1). 0 trusts no
# header: the socket's address is the client (the embedded mode). lms/client_ip.py
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)  # hours
# Per account, never per address: a community hall or a carrier's NAT puts dozens of
# people behind one address, and one of them mistyping must not lock the others out.
# The account + address pair adds nothing at the same limit (its failures are a subset
# of the account's) but says so to axes' check W006, which wants an address in the list.
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "lms.accounts.backends.axes_identity"
AXES_LOCKOUT_CALLABLE = "lms.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Wrong passwords typed while locked are refused unseen: the lock ends when it said it would.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "lms.client_ip.client_ip"

# django-ratelimit counts in the cache (lms/ratelimits.py). Not in INSTALLED_APPS: its
# system check refuses the embedded mode's local-memory cache, right for one process.
RATELIMIT_CACHE_PREFIX = "hvs:rl:"
# Password reset by email: requests per address (a hall) and per e-mail address typed.
PASSWORD_RESET_RATE_PER_ADDRESS = env("PASSWORD_RESET_RATE_PER_ADDRESS", default="60/h")
PASSWORD_RESET_RATE_PER_ACCOUNT = env("PASSWORD_RESET_RATE_PER_ACCOUNT", default="5/h")
# Class login cards (courses.classes.cards): wrong codes count per card, so a hall
# full of learners behind one address never locks the class out; unknown cards
# count per address with room for a whole class mistyping.
LOGIN_CARD_FAILURES_PER_CARD = env("LOGIN_CARD_FAILURES_PER_CARD", default="10/h")
LOGIN_CARD_FAILURES_PER_ADDRESS = env("LOGIN_CARD_FAILURES_PER_ADDRESS", default="200/h")
# How long a session's check-in QR code stays valid, in seconds.
CLASS_CHECK_IN_MAX_AGE = env.int("CLASS_CHECK_IN_MAX_AGE", default=4 * 60 * 60)
# Wrong reset codes (/accounts/password/code/) per address and per account named.
RESET_CODE_FAILURE_RATE_PER_ADDRESS = env("RESET_CODE_FAILURE_RATE_PER_ADDRESS", default="60/h")
RESET_CODE_FAILURE_RATE_PER_ACCOUNT = env("RESET_CODE_FAILURE_RATE_PER_ACCOUNT", default="10/h")
# Sign-ups answered "this phone or username already has an account", per address.
SIGNUP_TAKEN_RATE_PER_ADDRESS = env("SIGNUP_TAKEN_RATE_PER_ADDRESS", default="60/h")

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 24 * 30)
CSRF_COOKIE_HTTPONLY = False  # the quiz autosave script reads it
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail's preview panel frames our own pages
