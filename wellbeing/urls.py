from django.urls import path

from . import views

app_name = "wellbeing"
urlpatterns = [
    path("wellbeing/", views.mine, name="mine"),
    path("wellbeing/plan/", views.plan, name="plan"),
    path("wellbeing/check-in/", views.check_in, name="check_in"),
    path("wellbeing/check-in/sharing/", views.sharing, name="sharing"),
    path("wellbeing/hard-moment/", views.hard_moment, name="hard_moment"),
    path("wellbeing/hard-moment/forget/", views.forget_hard_moment, name="forget_hard_moment"),
    path("wellbeing/shared-with-me/", views.shared_with_me, name="shared_with_me"),
    path("wellbeing/directory/", views.directory, name="directory"),
    path("wellbeing/directory/join/", views.directory_join, name="directory_join"),
    path("wellbeing/directory/leave/", views.directory_leave, name="directory_leave"),
    path("wellbeing/settings/", views.settings_page, name="settings"),
    path("supporters/<int:supporter_id>/wellbeing/", views.supporter_wellbeing, name="supporter"),
]
