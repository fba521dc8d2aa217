from django.urls import path

from . import views

app_name = "inclusion"

urlpatterns = [
    path("easy-mode/", views.toggle_easy_mode, name="toggle_easy_mode"),
]
