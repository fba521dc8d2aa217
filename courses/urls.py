from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/enrol/", views.enrol, name="enrol"),
    path("<slug:slug>/enrol-learners/", views.enrol_learners, name="enrol_learners"),
    path("<slug:slug>/steps/<int:step_id>/", views.step, name="step"),
    path("<slug:slug>/steps/<int:step_id>/progress/", views.record_progress, name="progress"),
]
