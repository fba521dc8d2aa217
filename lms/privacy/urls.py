from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.my_data, name="my_data"),
    path("notice/", views.notice, name="notice"),
    path("consent/", views.consent, name="consent"),
    path("exports/<int:request_id>/<str:token>/", views.export_download, name="export_download"),
    path(
        "exports/<int:request_id>/<str:token>/status.json",
        views.export_status,
        name="export_status",
    ),
    path("people/<int:user_id>/", views.manage_person, name="manage_person"),
    path("register/", views.register, name="register"),
]
