from django.contrib.auth.views import LogoutView
from django.urls import path

from . import audience_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="signup"),
    path("me/", views.dashboard, name="dashboard"),
    path("me/audience/", audience_views.change_audience, name="change_audience"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/sent/", views.password_reset_done, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password/reset/done/", views.password_reset_complete, name="password_reset_complete"),
    path("password/code/", views.reset_with_code, name="reset_with_code"),
    path("manage/people/", views.manage_people, name="manage_people"),
    path(
        "manage/people/<int:user_id>/reset-code/",
        views.issue_reset_code,
        name="issue_reset_code",
    ),
    path(
        "manage/people/<int:user_id>/audience/",
        audience_views.change_person_audience,
        name="change_person_audience",
    ),
]
