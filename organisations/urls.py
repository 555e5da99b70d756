from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [path("organisation/switch/", views.switch, name="switch")]
