"""Wagtail API v2 at /api/v2/: pages, images and documents for a mobile app.
Open to anonymous readers (the project's DRF default asks for a login), who see
only the files live pages use (cms/files.py), and ``?search=`` goes through the library's own accent-insensitive search."""

from django.db.models import Case, IntegerField, When
from rest_framework.filters import BaseFilterBackend
from rest_framework.permissions import AllowAny
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from .files import visible_documents, visible_images
from .models.browsing import visible_items
from .search import search_items

MAX_SEARCH_RESULTS = 200


class LibrarySearchFilter(BaseFilterBackend):
    """Keeps only the library items the search finds, in its ranking order
    (unless the client asked for ``order``)."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        found = search_items(request.GET["search"], visible_items())
        ids = list(found.values_list("pk", flat=True)[:MAX_SEARCH_RESULTS])
        queryset = queryset.filter(pk__in=ids)
        if "order" not in request.GET:
            rank = Case(
                *[When(pk=pk, then=pos) for pos, pk in enumerate(ids)], output_field=IntegerField()
            )
            queryset = queryset.order_by(rank) if ids else queryset
        return queryset


class LibraryPagesAPIViewSet(PagesAPIViewSet):
    permission_classes = [AllowAny]
    filter_backends = [
        *[
            backend
            for backend in PagesAPIViewSet.filter_backends
            if backend.__name__ != "SearchFilter"
        ],
        LibrarySearchFilter,
    ]


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    """Only images a live public page uses (staff: also those they manage)."""

    permission_classes = [AllowAny]

    def get_queryset(self):
        shown = visible_images(self.request.user)
        return super().get_queryset().filter(pk__in=shown.values("pk"))


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    """Only documents a live public page uses (staff: also those they manage)."""

    permission_classes = [AllowAny]

    def get_queryset(self):
        shown = visible_documents(self.request.user)
        return super().get_queryset().filter(pk__in=shown.values("pk"))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", LibraryPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
