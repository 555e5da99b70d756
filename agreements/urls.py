from django.urls import path

from . import views

app_name = "agreements"
urlpatterns = [
    path("peers/<int:peer_id>/assignments/<int:assignment_id>/agreement/", views.agreement, name="agreement"),
    path("peers/<int:peer_id>/assignments/<int:assignment_id>/agreement/new/", views.record, name="record"),
    path(
        "peers/<int:peer_id>/assignments/<int:assignment_id>/agreement/for-the-peer/",
        views.for_the_peer,
        name="for_the_peer",
    ),
    path("organisation/information-sharing/", views.thresholds, name="thresholds"),
]
