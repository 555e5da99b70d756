from django.urls import path

from . import views

app_name = "datarights"
urlpatterns = [
    path("peers/<int:peer_id>/record.json", views.export_json, name="export_json"),
    path("peers/<int:peer_id>/record/", views.export_html, name="export_html"),
    path("peers/<int:peer_id>/erase/", views.erase, name="erase"),
    path("supporters/<int:supporter_id>/erase/", views.erase_supporter, name="erase_supporter"),
    path("wellbeing/my-record.json", views.my_record, name="my_record"),
]
