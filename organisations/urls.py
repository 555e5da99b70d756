from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("organisation/switch/", views.switch, name="switch"),
    path("organisation/", views.organisation_settings, name="settings"),
    path("organisation/partners/", views.add_partner, name="add_partner"),
]
