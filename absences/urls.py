from django.urls import path

from . import views

app_name = "absences"
urlpatterns = [
    path("team/away/", views.away, name="away"),
]
