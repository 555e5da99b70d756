from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("directory/", views.directory, name="directory"),
    path("directory/partners/", views.partners, name="partners"),
    path("directory/partners/new/", views.partner_form, name="partner_new"),
    path("directory/partners/<int:partner_id>/", views.partner, name="partner"),
    path("directory/partners/<int:partner_id>/edit/", views.partner_form, name="partner_edit"),
    path("directory/partners/<int:partner_id>/services/new/", views.service_form, name="service_new"),
    path("directory/services/<int:service_id>/edit/", views.service_form, name="service_edit"),
    path("directory/partners/<int:partner_id>/places/new/", views.location_form, name="location_new"),
    path("directory/places/<int:location_id>/edit/", views.location_form, name="location_edit"),
    path("directory/export/", views.export, name="export"),
    path("directory/import/", views.import_start, name="import"),
    path("directory/import/<int:import_id>/", views.import_progress, name="import_progress"),
]
