"""Content-Security-Policy (django-csp): one strict policy for the site, and a
relaxed one for the two admin interfaces, whose own templates carry inline
scripts and styles we do not control (Wagtail's /admin/, Django's /django-admin/).

The strict policy has no 'unsafe-inline' and no 'unsafe-eval': our templates load
scripts from /static/ only and pass data through ``json_script`` or ``data-``
attributes (tests/csp/test_pages.py holds every page type to that)."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def _relaxed_prefixes() -> tuple[str, ...]:
    return tuple(settings.CSP_RELAXED_URL_PREFIXES)


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin policy on the admin paths (a view's own
    @csp / @csp_update decorators still win)."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(_relaxed_prefixes())
        ):
            parts.config = settings.CSP_ADMIN_DIRECTIVES
        return parts
