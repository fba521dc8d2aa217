"""Site-wide routes owned by the library (search, sitemap, headless API)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path
from wagtail.contrib.sitemaps import Sitemap

urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}, name="sitemap"),
]
