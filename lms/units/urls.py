from django.urls import path

from . import views

app_name = "units"

urlpatterns = [
    path("", views.manage_index, name="manage"),
    path("<str:code>/", views.unit_detail, name="detail"),
]
