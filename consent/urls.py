from django.urls import path

from . import views

app_name = "consent"
urlpatterns = [
    path("peers/<int:peer_id>/consent/", views.record_consent, name="record"),
    path("peers/<int:peer_id>/consent/withdraw/", views.withdraw_consent, name="withdraw"),
    path("organisation/consent-texts/new/", views.new_text, name="new_text"),
]
