"""Included at /classes/ by lms/urls.py."""

from django.urls import path

from . import attendance_views, card_views, link_views, report_views, roster_views, views

app_name = "classes"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("mine/", views.my_classes, name="mine"),
    path("card/", card_views.card_sign_in, name="card_sign_in"),
    path("check-in/<str:token>/", attendance_views.check_in, name="check_in"),
    path("<int:class_id>/", views.detail, name="detail"),
    path("<int:class_id>/course/", link_views.set_course, name="set_course"),
    path(
        "<int:class_id>/sessions/<int:session_id>/live-quiz/",
        link_views.start_quiz,
        name="start_quiz",
    ),
    path("<int:class_id>/learners/add/", roster_views.add_learner, name="add_learner"),
    path("<int:class_id>/learners/import/", roster_views.import_roster, name="import_roster"),
    path("<int:class_id>/cards/", card_views.card_list, name="cards"),
    path("<int:class_id>/cards/print/", card_views.print_cards, name="print_cards"),
    path(
        "<int:class_id>/cards/<int:learner_id>/revoke/",
        card_views.revoke_card,
        name="revoke_card",
    ),
    path("<int:class_id>/attendance/", attendance_views.attendance_batch, name="attendance_batch"),
    path(
        "<int:class_id>/sessions/<int:session_id>/attendance/",
        attendance_views.take_attendance,
        name="attendance",
    ),
    path(
        "<int:class_id>/sessions/<int:session_id>/check-in-code/",
        attendance_views.check_in_code,
        name="check_in_code",
    ),
    path("<int:class_id>/report/", report_views.report, name="report"),
    path("<int:class_id>/report.xlsx", report_views.report_export, name="report_export"),
    path("<int:class_id>/certificates.pdf", report_views.print_certificates, name="certificates"),
]
