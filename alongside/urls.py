from django.urls import include, path

from home.views import healthz

handler500 = "alongside.errors.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("home.urls")),
    path("", include("accounts.urls")),
    path("", include("organisations.urls")),
    path("", include("people.urls")),
    path("", include("consent.urls")),
    path("", include("agreements.urls")),
    path("", include("datarights.urls")),
    path("", include("audit.urls")),
    path("", include("batches.urls")),
    path("", include("offers.urls")),
    path("", include("matching.urls")),
    path("", include("intake.urls")),
    path("", include("safeguarding.urls")),
    path("", include("absences.urls")),
    path("", include("training.urls")),
    path("", include("diary.urls")),
    path("", include("directory.urls")),
    path("", include("goals.urls")),
    path("", include("contacts.urls")),
    path("", include("continuity.urls")),
    path("", include("referrals.urls")),
    path("", include("supervision.urls")),
    path("", include("wellbeing.urls")),
    path("", include("competence.urls")),
    path("", include("resilience.urls")),
    path("", include("recruitment.urls")),
    path("accounts/", include("allauth.urls")),
]
