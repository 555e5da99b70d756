from django.urls import path

from . import views

app_name = "safeguarding"
urlpatterns = [
    path("peers/<int:peer_id>/something-worries-me/", views.raise_concern, name="raise"),
    path("peers/<int:peer_id>/staff-safety/", views.peer_safety, name="peer_safety"),
    path("peers/<int:peer_id>/visit/", views.visit, name="visit"),
    path("concerns/", views.concern_list, name="concerns"),
    path("concerns/<int:concern_id>/", views.concern, name="concern"),
    path("organisation/on-call/", views.rota, name="rota"),
]
