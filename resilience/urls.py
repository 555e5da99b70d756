from django.urls import path

from . import views

app_name = "resilience"

urlpatterns = [
    path("account/sessions/", views.my_sessions, name="my_sessions"),
    path("organisation/sessions/", views.team_sessions, name="team_sessions"),
    path("organisation/retention/", views.retention_settings, name="retention"),
]
