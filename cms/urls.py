"""Site-wide routes owned by the library (search, sitemap, headless API)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path
from wagtail.contrib.sitemaps import Sitemap

from . import views
from .api import api_router

urlpatterns = [
    path("search/", views.search, name="library_search"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}, name="sitemap"),
    path("api/v2/", api_router.urls),
]
