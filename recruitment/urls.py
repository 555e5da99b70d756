from django.urls import path

from . import views

app_name = "recruitment"

urlpatterns = [
    path("recruitment/", views.on_the_way, name="on_the_way"),
    path("recruitment/posts/", views.posts, name="posts"),
    path("recruitment/posts/new/", views.post_edit, name="post_new"),
    path("recruitment/posts/<int:post_id>/", views.post_edit, name="post_edit"),
    path("recruitment/criteria/", views.criteria, name="criteria"),
    path("recruitment/criteria/new/", views.criterion_edit, name="criterion_new"),
    path("recruitment/criteria/<int:criterion_id>/", views.criterion_edit, name="criterion_edit"),
    path("supporters/<int:supporter_id>/path/", views.path, name="path"),
    path("supporters/<int:supporter_id>/path/move/", views.move, name="move"),
    path("supporters/<int:supporter_id>/path/readiness/", views.readiness, name="readiness"),
    path("supporters/<int:supporter_id>/path/barriers/", views.barriers, name="barriers"),
    path("supporters/<int:supporter_id>/path/former-peer/", views.former_peer, name="former_peer"),
]
