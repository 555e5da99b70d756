from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("team/", views.team, name="team"),
    path("accounts/join/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("language/", views.set_language, name="language"),
    path("session/keepalive/", views.keepalive, name="keepalive"),
]
