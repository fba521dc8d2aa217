from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.routing import serve as routed_serve
from lms.api import router as api_v1_router
from lms.api_errors import api_not_found
from lms.core.url_memory import RememberingResolver
from lms.core.views import healthz

api_v1_patterns = [
    path("", include(api_v1_router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view loads its start-up script from a URL: no inline script for the CSP.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-v1:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    # Anything else under /api/v1/ is a JSON 404, never the site's HTML page.
    re_path(r"^.*$", api_not_found),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # A learner's course steps first: every pattern before them is tried on each step.
    path("courses/", include("courses.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("lms.accounts.urls")),
    path("units/", include("lms.units.urls")),
    path("privacy/", include("lms.privacy.urls")),
    path("display/", include("lms.inclusion.urls")),
    path("", include("lms.inclusion.offline_urls")),
    path("audit/", include("lms.audit.urls")),
    path("quizzes/", include("assessments.urls")),
    path("live/", include("assessments.live.urls")),
    path("classes/", include("courses.classes.urls")),
    path("phong-trao/", include("movement.urls")),
    path("", include("assessments.certificates.urls")),  # /learning/, /certificates/, /.well-known/
    path("api/v1/", include((api_v1_patterns, "api-v1"))),
    path("", include("cms.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page tree serves everything else, so it comes last; its pages are
# found through cms.routing, which remembers where each path leads.
urlpatterns += [
    path(
        "",
        include(
            [
                *(p for p in wagtail_urls.urlpatterns if p.name != "wagtail_serve"),
                re_path(wagtail_urls.serve_pattern, routed_serve, name="wagtail_serve"),
            ]
        ),
    )
]

# Every pattern in one resolver that remembers where each path led (lms/core/url_memory.py).
urlpatterns = [RememberingResolver(urlpatterns)]
