from django.urls import path

from . import views

app_name = "competence"
urlpatterns = [
    path("supporters/<int:supporter_id>/competence/", views.supporter_competence, name="supporter_competence"),
    path("supporters/<int:supporter_id>/competence/sign-off/", views.sign_off, name="sign_off"),
    path("supporters/<int:supporter_id>/competence/level/", views.change_level, name="change_level"),
    path("supporters/<int:supporter_id>/competence/shadowing/", views.shadowing, name="shadowing"),
    path("organisation/competence/", views.framework, name="framework"),
    path("organisation/competence/level/", views.level, name="level"),
    path("organisation/competence/counts/", views.counts, name="counts"),
]
