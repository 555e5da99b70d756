from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("peers/<int:peer_id>/suggestions/", views.suggestions, name="suggestions"),
    path("peers/<int:peer_id>/matching-wishes/", views.peer_wishes, name="peer_wishes"),
    path("peers/<int:peer_id>/kept-apart/", views.peer_exclusions, name="peer_exclusions"),
    path("supporters/<int:supporter_id>/kept-apart/", views.supporter_exclusions, name="supporter_exclusions"),
    path("supporters/<int:supporter_id>/matching-details/", views.supporter_details, name="supporter_details"),
    path("organisation/matching/", views.matching_settings, name="settings"),
]
