from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("peers/<int:peer_id>/intake/", views.peer_intake, name="peer_intake"),
    path("peers/<int:peer_id>/intake/new/", views.record_intake, name="record_intake"),
    path("peers/<int:peer_id>/waiting/", views.waiting_reason, name="waiting_reason"),
    path("waiting/", views.waiting_list, name="waiting_list"),
    path("organisation/waiting/", views.waiting_settings, name="waiting_settings"),
]
