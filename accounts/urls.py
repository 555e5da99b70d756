from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("team/", views.team, name="team"),
    path("accounts/join/<str:token>/", views.accept_invitation, name="accept_invitation"),
    # In front of allauth's page of the same address (see views.email).
    path("accounts/email/", views.email, name="email"),
    path("language/", views.set_language, name="language"),
    path("session/keepalive/", views.keepalive, name="keepalive"),
]
