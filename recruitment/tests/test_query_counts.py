"""The lists of recruitment ask the same number of queries however many rows they show."""

from datetime import date

from django.urls import reverse

from conftest import make_member, make_supporter, queries_asked
from organisations.tenancy import organisation_scope
from people.models import PeerSupporter
from recruitment import services


def _more_on_the_way(cast, n: int):
    with organisation_scope(cast.riverside):
        for i in range(n):
            member = make_member(cast.riverside, f"cand{n}x{i}", "peer_supporter", mfa=False)
            make_supporter(member, stage=["recruited", "readiness", "training", "shadowing", "paused"][i % 5])


def _more_on_the_path(cast, n: int):
    with organisation_scope(cast.riverside):
        criteria = services.criteria_for(cast.riverside)
        for _ in range(n):
            stage = "training" if PeerSupporter.objects.get(pk=cast.pat_profile.pk).stage == "active" else "active"
            services.move_to_stage(cast.pat_profile, stage, by=cast.cleo, why="Next step")
            services.record_conversation(
                cast.pat_profile, by=cast.cleo, held_on=date.today(), judgement="ready", reasons="Ready",
                notes={c.pk: ("A note", False) for c in criteria},
            )  # fmt: skip
            services.record_barrier(cast.pat_profile, by=cast.cleo, what="A document", help_offered="Help")
        services.save_post(None, organisation=cast.riverside, by=cast.cleo, fields={"title": f"Post {n}",
                           "engagement": "paid"}, qualifications=[{"what": "x", "need": "required"}] * n)  # fmt: skip


def test_people_on_the_way_does_not_grow_with_people(cast, client_for):
    client = client_for("cleo")
    url = reverse("recruitment:on_the_way")
    _more_on_the_way(cast, 1)
    few, _ = queries_asked(client, url)
    _more_on_the_way(cast, 10)
    many, body = queries_asked(client, url)
    assert many == few, (few, many)
    assert "Cand10x9" in body


def test_people_on_the_way_reads_names_and_stages_only(cast, client_for, monkeypatch):
    """Nobody's lived experience or times free is decrypted to list who is at which stage."""
    from encryption import fields

    _more_on_the_way(cast, 5)
    with organisation_scope(cast.riverside):
        PeerSupporter.objects.filter(stage="training").update(lived_experience=["—"], availability="Evenings")
    decrypted = []
    monkeypatch.setattr(fields, "decrypt", lambda token, real=fields.decrypt: decrypted.append(1) or real(token))
    body = client_for("cleo").get(reverse("recruitment:on_the_way")).content.decode()
    assert "Cand5x2" in body and decrypted == []


def test_the_path_and_the_posts_do_not_grow_with_rows(cast, client_for):
    client = client_for("cleo")
    path = reverse("recruitment:path", args=[cast.pat_profile.pk])
    posts = reverse("recruitment:posts")
    _more_on_the_path(cast, 1)
    few = queries_asked(client, path)[0], queries_asked(client, posts)[0]
    _more_on_the_path(cast, 4)
    many = queries_asked(client, path)[0], queries_asked(client, posts)[0]
    assert many == few, (few, many)


def test_the_dashboard_keeps_its_ceiling_with_the_panel(cast, client_for):
    from alongside.tests import pages_asked

    count, body = queries_asked(client_for("cleo"), "/")
    assert count <= pages_asked.DASHBOARD_COORDINATOR
    assert "People on the way" in body


def test_the_dashboards_stage_counts_follow_a_move_at_once(cast, client_for):
    client = client_for("cleo")
    assert "Shadowing: <strong>0</strong>" in client.get("/").content.decode()
    with organisation_scope(cast.riverside):
        services.move_to_stage(cast.quinn_profile, "shadowing", by=cast.cleo)
    assert "Shadowing: <strong>1</strong>" in client.get("/").content.decode()
