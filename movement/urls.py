from django.urls import path

from .views import coverage, dashboard, field, figures, public, reports, values

app_name = "movement"

urlpatterns = [
    path("", dashboard.index, name="index"),
    path("dai-su/", field.ambassador, name="ambassador"),
    path("to/", field.my_team, name="my_team"),
    path("to/<int:team_id>/", field.team, name="team"),
    path("to/<int:team_id>/so-lieu/", values.team_values, name="team_values"),
    path("minh-chung/<int:value_id>/", values.evidence, name="evidence"),
    path("bao-cao/<int:report_id>/<str:kind>/", reports.download, name="download"),
    path("<str:code>/", dashboard.dashboard, name="dashboard"),
    path("<str:code>/so-lieu/", figures.figures, name="figures"),
    path("<str:code>/so-lieu/duyet/<int:value_id>/", values.review_value, name="review_value"),
    path("<str:code>/bao-cao/", reports.reports, name="reports"),
    path("<str:code>/bao-phu/", coverage.coverage, name="coverage"),
    path("<str:code>/xep-hang/", public.ranking, name="ranking"),
]
