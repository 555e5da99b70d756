from django.urls import path

from . import views

app_name = "goals"
urlpatterns = [
    path("peers/<int:peer_id>/plan/", views.plan, name="plan"),
    path("peers/<int:peer_id>/plan/for-the-peer/", views.for_the_peer, name="for_the_peer"),
    path("peers/<int:peer_id>/plan/goals/new/", views.goal_new, name="goal_new"),
    path("peers/<int:peer_id>/plan/goals/<int:goal_id>/", views.goal, name="goal"),
    path("peers/<int:peer_id>/plan/goals/<int:goal_id>/edit/", views.goal_edit, name="goal_edit"),
    path("peers/<int:peer_id>/plan/goals/<int:goal_id>/steps/", views.step_add, name="step_add"),
    path("peers/<int:peer_id>/plan/goals/<int:goal_id>/steps/done/", views.step_done, name="step_done"),
    path("peers/<int:peer_id>/plan/goals/<int:goal_id>/progress/", views.progress_add, name="progress_add"),
    path("organisation/life-domains/", views.domains, name="domains"),
]
