from django.urls import path

from . import views

app_name = "offers"
urlpatterns = [
    path("peers/<int:peer_id>/offers/", views.peer_offers, name="peer_offers"),
    path("peers/<int:peer_id>/offers/<int:offer_id>/", views.offer_detail, name="offer_detail"),
]
