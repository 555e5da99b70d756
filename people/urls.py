from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("peers/", views.peer_list, name="peer_list"),
    path("peers/new/", views.peer_create, name="peer_create"),
    path("peers/<int:peer_id>/", views.peer_detail, name="peer_detail"),
    path("peers/<int:peer_id>/opened/", views.peer_opened, name="peer_opened"),
    path("peers/<int:peer_id>/edit/", views.peer_edit, name="peer_edit"),
    path("peers/<int:peer_id>/assign/", views.peer_assign, name="peer_assign"),
    path("peers/<int:peer_id>/assignments/<int:assignment_id>/end/", views.assignment_end, name="assignment_end"),
    path("supporters/", views.supporter_list, name="supporter_list"),
    path("supporters/<int:supporter_id>/", views.supporter_detail, name="supporter_detail"),
    path("supporters/<int:supporter_id>/edit/", views.supporter_edit, name="supporter_edit"),
]
