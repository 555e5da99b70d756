from django.urls import path

from . import views

app_name = "consent"
urlpatterns = [
    path("peers/<int:peer_id>/consent/", views.record_consent, name="record"),
    path("peers/<int:peer_id>/consent/withdraw/", views.withdraw_consent, name="withdraw"),
]
