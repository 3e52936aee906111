from django.urls import path

from crossnote.insights import views

app_name = "insights"
urlpatterns = [
    path("insights/", views.dashboard, name="dashboard"),
    path("insights/public/", views.public_summary, name="public"),
    path("insights/settings/", views.update_settings, name="settings"),
    path("insights/alerts/<int:pk>/dismiss/", views.dismiss_alert, name="dismiss"),
    path("insights/charts/<slug:name>.<str:fmt>", views.chart_file, name="chart"),
]
