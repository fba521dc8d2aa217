"""Content-Security-Policy (django-csp): one strict policy for the site, and a
relaxed one for the two admin interfaces, whose own templates carry inline
scripts and styles we do not control (Wagtail's /admin/, Django's /django-admin/).

The strict policy has no 'unsafe-inline' and no 'unsafe-eval': our templates load
scripts from /static/ only and pass data through ``json_script`` or ``data-``
attributes (tests/csp/test_pages.py holds every page type to that)."""

from dataclasses import asdict

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from .response_headers import has_header

# What django-csp built for a request that needed nothing of its own, per policy
# (strict or relaxed): (header, report-only header). Cleared when a CSP setting changes.
_built: dict[bool, tuple[str, str]] = {}
_HEADER_KEY, _HEADER_REPORT_ONLY_KEY = HEADER.lower(), HEADER_REPORT_ONLY.lower()
# The path prefixes the settings name, read once: {"relaxed" | setting name: prefixes}.
_prefixes: dict[str, tuple[str, ...]] = {}
# Set on a response (as instance attributes) by django-csp's decorators (@csp,
# @csp_update, @csp_replace, @csp_exempt): one set test instead of eight failed hasattr.
_PER_RESPONSE = frozenset(
    f"_csp_{kind}{suffix}"
    for kind in ("config", "update", "replace", "exempt")
    for suffix in ("", "_ro")
)
_POLICY_SETTINGS = {
    "CONTENT_SECURITY_POLICY",
    "CONTENT_SECURITY_POLICY_REPORT_ONLY",
    "CSP_ADMIN_DIRECTIVES",
    "CSP_RELAXED_URL_PREFIXES",
}


@receiver(setting_changed)
def _forget_built_policies(setting, **kwargs):
    if setting in _POLICY_SETTINGS:
        _built.clear()
        _prefixes.clear()


def _relaxed_prefixes() -> tuple[str, ...]:
    if "relaxed" not in _prefixes:
        _prefixes["relaxed"] = tuple(settings.CSP_RELAXED_URL_PREFIXES)
    return _prefixes["relaxed"]


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin policy on the admin paths (a view's own
    @csp / @csp_update decorators still win).

    Building the header is most of what a small response costs here, and for a
    request that used no nonce and a response no decorator touched it depends only
    on the settings: such responses get the header django-csp built the first time
    (tests/csp/test_policy_memo.py compares them with django-csp's own, byte for
    byte). Anything per request goes to django-csp as before."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(_relaxed_prefixes())
        ):
            parts.config = settings.CSP_ADMIN_DIRECTIVES
        return parts

    def process_response(self, request, response):
        # The instance dictionaries, as failed getattr and hasattr raise and catch.
        if vars(request).get("_csp_nonce") is not None or not _PER_RESPONSE.isdisjoint(
            vars(response)
        ):
            return super().process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:
            return response  # django-csp leaves the debug pages alone
        policy, report_only = self._policies(request, response)
        if (
            policy
            and not has_header(response, _HEADER_KEY)
            and not _excluded(request, "CONTENT_SECURITY_POLICY")
        ):
            response[HEADER] = policy
        if (
            report_only
            and not has_header(response, _HEADER_REPORT_ONLY_KEY)
            and not _excluded(request, "CONTENT_SECURITY_POLICY_REPORT_ONLY")
        ):
            response[HEADER_REPORT_ONLY] = report_only
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = _NONCE_AFTER_THE_HEADER
        return response

    def _policies(self, request, response) -> tuple[str, str]:
        relaxed = request.path_info.startswith(_relaxed_prefixes())
        if relaxed not in _built:
            _built[relaxed] = (
                build_policy(**asdict(self.get_policy_parts(request, response))),
                build_policy(
                    **asdict(self.get_policy_parts(request, response, report_only=True)),
                    report_only=True,
                ),
            )
        return _built[relaxed]


# One for every response: asking it raises CSPNonceError and so never fills it.
_NONCE_AFTER_THE_HEADER = CheckableLazyObject(SiteCSPMiddleware._csp_nonce_post_response)


def _excluded(request, setting: str) -> bool:
    if setting not in _prefixes:
        policy = getattr(settings, setting, None) or {}
        _prefixes[setting] = tuple(policy.get("EXCLUDE_URL_PREFIXES") or ())
    return request.path_info.startswith(_prefixes[setting])
