"""The site's CSP middleware keeps the policy it built for requests that need no
per-request policy (no nonce used, no @csp decorator): the headers must stay what
django-csp's own middleware writes, byte for byte, and nonces fresh per request."""

import re
from unittest import mock

import pytest
from csp.constants import NONCE
from csp.decorators import csp_exempt, csp_replace, csp_update
from csp.exceptions import CSPNonceError
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from lms.core.csp import SiteCSPMiddleware

HEADERS = ("Content-Security-Policy", "Content-Security-Policy-Report-Only")


def plain(request):
    return HttpResponse("ok")


def reads_nonce(request):
    return HttpResponse(f"nonce={request.csp_nonce}")


@csp_update({"script-src": [NONCE]})
def nonce_in_policy(request):
    return HttpResponse(f"nonce={request.csp_nonce}")


@csp_replace({"img-src": ["'self'"]})
def replaced(request):
    return HttpResponse("ok")


@csp_exempt()
def exempt(request):
    return HttpResponse("ok")


def with_own_header(request):
    response = HttpResponse("ok")
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


VIEWS = [plain, reads_nonce, nonce_in_policy, replaced, exempt, with_own_header]
PATHS = ["/", "/_bench/minimal", "/admin/pages/", "/django-admin/", "/certificates/verify/X/"]


class BuiltEveryTime(SiteCSPMiddleware):
    """The oracle: our choice of policy, written by django-csp's own process_response."""

    process_response = CSPMiddleware.process_response


def served(middleware_class, view, path):
    request = RequestFactory().get(path)
    response = middleware_class(view)(request)
    return request, response


def headers_of(request, response):
    """The CSP headers, with this request's nonce (if it has one) named NONCE."""
    nonce = getattr(request, "_csp_nonce", None)
    return {
        name: response.get(name).replace(nonce, "NONCE")
        if nonce and name in response
        else response.get(name)
        for name in HEADERS
    }


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("view", VIEWS, ids=lambda view: view.__name__)
def test_headers_are_django_csps_own(view, path):
    # Three times: the later answers come from what the first one kept.
    for _ in range(3):
        ours = headers_of(*served(SiteCSPMiddleware, view, path))
        assert ours == headers_of(*served(BuiltEveryTime, view, path))
        assert bool(ours["Content-Security-Policy"]) == (view is not exempt)


def test_admin_paths_get_the_relaxed_policy_and_others_the_strict_one():
    _request, admin = served(SiteCSPMiddleware, plain, "/admin/pages/")
    _request, site = served(SiteCSPMiddleware, plain, "/")
    assert "'unsafe-inline'" in admin["Content-Security-Policy"]
    assert "'unsafe-inline'" not in site["Content-Security-Policy"]


def test_nonces_differ_per_request_and_match_the_page():
    seen = set()
    for _ in range(3):
        _request, response = served(SiteCSPMiddleware, nonce_in_policy, "/")
        in_header = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        assert response.content.decode() == f"nonce={in_header}"
        seen.add(in_header)
    assert len(seen) == 3


def test_the_nonce_cannot_be_read_after_the_header_is_written():
    for view in (plain, reads_nonce):
        request, _response = served(SiteCSPMiddleware, view, "/")
        if view is plain:
            with pytest.raises(CSPNonceError):
                str(request.csp_nonce)
        else:  # read before the header: the same nonce stays readable
            assert str(request.csp_nonce) == request._csp_nonce


def test_a_changed_setting_is_used_at_once():
    before = headers_of(*served(SiteCSPMiddleware, plain, "/"))
    policy = {"DIRECTIVES": {"default-src": ["'none'"]}}
    with override_settings(
        CONTENT_SECURITY_POLICY=policy, CONTENT_SECURITY_POLICY_REPORT_ONLY=policy
    ):
        _request, during = served(SiteCSPMiddleware, plain, "/")
        assert during["Content-Security-Policy"] == "default-src 'none'"
        assert during["Content-Security-Policy-Report-Only"] == "default-src 'none'"
    assert headers_of(*served(SiteCSPMiddleware, plain, "/")) == before


def test_a_request_that_needs_nothing_builds_no_policy():
    served(SiteCSPMiddleware, plain, "/")
    served(SiteCSPMiddleware, plain, "/admin/pages/")
    import csp.middleware
    import csp.utils

    counted = mock.Mock(wraps=csp.utils.build_policy)
    with (
        mock.patch.object(csp.middleware, "build_policy", counted),
        mock.patch.object(csp.utils, "build_policy", counted),
    ):
        for path in ("/", "/_bench/minimal", "/admin/pages/"):
            served(SiteCSPMiddleware, plain, path)
        assert counted.call_count == 0
        served(SiteCSPMiddleware, nonce_in_policy, "/")  # a nonce: built for this request
        assert counted.call_count > 0
