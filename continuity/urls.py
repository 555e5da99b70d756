from django.urls import path

from . import views

app_name = "continuity"
urlpatterns = [
    path("peers/<int:peer_id>/assignments/<int:assignment_id>/ending/", views.plan_ending, name="plan_ending"),
    path(
        "peers/<int:peer_id>/assignments/<int:assignment_id>/closing-conversation/",
        views.closing_conversation,
        name="closing_conversation",
    ),
    path("peers/<int:peer_id>/coming-back/", views.coming_back, name="coming_back"),
]
urlpatterns += [path("supporters/<int:supporter_id>/cover/", views.cover, name="cover")]
