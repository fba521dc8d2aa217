"""Included at the site root by lms/urls.py: /learning/ (a permanent redirect), /certificates/… and
/.well-known/hocvuso-issuer.json."""

from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("learning/", views.learning, name="learning"),  # moved to accounts:dashboard
    path("learning/messages/read/", views.mark_messages_read, name="mark_messages_read"),
    path("certificates/verify/", views.verify_form, name="verify_form"),
    path("certificates/verify/<str:code>/", views.verify, name="verify"),
    path("certificates/verify/<str:code>/pdf/", views.public_pdf, name="public_pdf"),
    path("certificates/print/", views.print_class, name="print_class"),
    path("certificates/export/", views.export, name="export"),
    path("certificates/<str:code>/pdf/", views.download_pdf, name="pdf"),
    path("certificates/<str:code>/credential.json", views.credential, name="credential"),
    path("certificates/<str:code>/revoke/", views.revoke, name="revoke"),
    path(".well-known/hocvuso-issuer.json", views.issuer_key, name="issuer_key"),
]
