from django.urls import path, re_path

from . import views

app_name = "live"

urlpatterns = [
    path("", views.join, name="join"),
    path("new/", views.start, name="start"),
    re_path(r"^(?P<pin>\d{6})/present/?$", views.present, name="present"),
    path("s/<int:session_id>/", views.play, name="play"),
    path("s/<int:session_id>/state.json", views.state_json, name="state"),
    path("s/<int:session_id>/answer", views.answer, name="answer"),
    path("s/<int:session_id>/command", views.command, name="command"),
    path("s/<int:session_id>/claim", views.claim, name="claim"),
    path("s/<int:session_id>/control/", views.control, name="control"),
    path("s/<int:session_id>/report/", views.report, name="report"),
    path("s/<int:session_id>/remove/<int:participant_id>", views.remove, name="remove"),
    re_path(r"^s/(?P<session_id>\d+)/export\.(?P<fmt>csv|xlsx)$", views.export, name="export"),
]
