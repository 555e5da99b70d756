from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("training/", views.overview, name="overview"),
    path("training/cohorts/<int:cohort_id>/", views.cohort, name="cohort"),
    path("training/sessions/<int:cohort_session_id>/", views.attendance, name="attendance"),
    path("training/documents/", views.documents, name="documents"),
    path("supporters/<int:supporter_id>/training/", views.progress, name="progress"),
]
