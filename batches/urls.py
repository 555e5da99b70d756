from django.urls import path

from . import views

app_name = "batches"
urlpatterns = [
    path("batches/", views.batch_list, name="batch_list"),
    path("batches/new/", views.batch_start, name="batch_start"),
    path("batches/<int:batch_id>/", views.batch_detail, name="batch_detail"),
    path("supporters/<int:supporter_id>/rematch/", views.rematch_start, name="rematch_start"),
]
