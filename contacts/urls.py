from django.urls import path

from . import views

app_name = "contacts"
urlpatterns = [
    path("contacts/", views.start, name="start"),
    path("contacts/one-off/", views.one_off, name="one_off"),
    path("contacts/one-off/draft/", views.one_off_draft, name="one_off_draft"),
    path("contacts/drafts/discard/", views.discard_draft, name="discard_draft"),
    path("contacts/my-week/", views.my_week, name="my_week"),
    path("contacts/not-heard-from/", views.not_heard_from, name="not_heard_from"),
    path("organisation/contacts/", views.contact_settings, name="settings"),
    path("peers/<int:peer_id>/contacts/", views.peer_contacts, name="peer_contacts"),
    path("peers/<int:peer_id>/assignments/<int:assignment_id>/contacts/new/", views.log, name="log"),
    path("peers/<int:peer_id>/assignments/<int:assignment_id>/contacts/draft/", views.draft, name="draft"),
    path(
        "peers/<int:peer_id>/assignments/<int:assignment_id>/contacts/engagement/",
        views.engagement,
        name="engagement",
    ),
    path("supporters/<int:supporter_id>/contacts/", views.supporter_contacts, name="supporter_contacts"),
]
