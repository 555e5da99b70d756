"""A module, a cohort with sessions, and clients signed in as anyone of the cast, for the training tests."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from accounts.middleware import mark_signed_in_with_second_step
from organisations.tenancy import organisation_scope
from training.models import Cohort, CohortSession, Module


def signed_in(cast, name: str) -> Client:
    """A client of its own (two organisations' members side by side in one test)."""
    member = cast.members[name]
    client = Client()
    client.force_login(member.user)
    session = client.session
    session["organisation_id"] = member.organisation_id
    mark_signed_in_with_second_step(session, member.user)
    session.save()
    return client


def a_cohort(org, *, titles=("Self-care", "Role and boundaries"), days_ago: int = 7, name: str = "Spring group"):
    """A cohort of ``org`` with one past session per module title; returns (cohort, modules, sessions)."""
    with organisation_scope(org):
        modules = [
            Module.objects.get_or_create(
                organisation=org, title=title, defaults={"delivery": "in_person", "audience": "peer_supporters"}
            )[0]
            for title in titles
        ]
        cohort = Cohort.objects.create(organisation=org, name=name)
        on = timezone.localdate() - timedelta(days=days_ago)
        sessions = [
            CohortSession.objects.create(organisation=org, cohort=cohort, module=m, on=on + timedelta(days=i))
            for i, m in enumerate(modules)
        ]
    return cohort, modules, sessions
