from django.urls import path

from . import views

app_name = "diary"
urlpatterns = [
    path("diary/", views.diary, name="diary"),
    path("diary/settings/", views.diary_settings, name="settings"),
    path("diary/settings/feed/renew/", views.renew_feed, name="renew_feed"),
    path("diary/settings/feed/stop/", views.stop_feed, name="stop_feed"),
    path("diary/feed/<str:token>.ics", views.feed, name="feed"),
    path("supporters/<int:supporter_id>/diary/", views.supporter_diary, name="supporter_diary"),
    path("peers/<int:peer_id>/assignments/<int:assignment_id>/meetings/new/", views.plan, name="plan"),
    path("peers/<int:peer_id>/meetings/<int:meeting_id>/", views.meeting, name="meeting"),
    path("peers/<int:peer_id>/meetings/<int:meeting_id>/move/", views.move, name="move"),
    path("peers/<int:peer_id>/meetings/<int:meeting_id>/cancel/", views.cancel, name="cancel"),
    path("peers/<int:peer_id>/meetings/<int:meeting_id>/outcome/", views.outcome, name="outcome"),
]
