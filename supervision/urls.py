from django.urls import path

from . import views

app_name = "supervision"
urlpatterns = [
    path("organisation/supervision/", views.settings, name="settings"),
    path("supporters/<int:supporter_id>/supervision/", views.supervisee, name="supervisee"),
    path("supporters/<int:supporter_id>/supervision/new/", views.record, name="record"),
    path("supporters/<int:supporter_id>/supervision/frequency/", views.frequency, name="frequency"),
    path("supporters/<int:supporter_id>/supervision/<int:session_id>/", views.session, name="session"),
    path("supporters/<int:supporter_id>/supervision/<int:session_id>/edit/", views.edit, name="edit"),
    path("supporters/<int:supporter_id>/supervision/<int:session_id>/reflection/", views.reflection, name="reflection"),
]
