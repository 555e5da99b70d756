from django.urls import path

from . import views

app_name = "referrals"
urlpatterns = [
    path("referrals/", views.referral_list, name="referral_list"),
    path("peers/<int:peer_id>/referrals/new/", views.new_referral, name="new_referral"),
    path("peers/<int:peer_id>/referrals/<int:referral_id>/", views.referral_detail, name="referral_detail"),
    path("peers/<int:peer_id>/referrals/<int:referral_id>/print/", views.referral_print, name="referral_print"),
    path("peers/<int:peer_id>/referrals/<int:referral_id>/step/", views.record_step, name="record_step"),
    path("peers/<int:peer_id>/referrals/<int:referral_id>/take-back/", views.take_back, name="take_back"),
    path("peers/<int:peer_id>/referrals/<int:referral_id>/new-link/", views.new_link, name="new_link"),
    # The partner's page, reached without an account: the token is the only key.
    path("partner/referral/<str:token>/", views.partner_link, name="partner_link"),
]
