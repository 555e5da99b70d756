"""Posts with a person specification and the kind of engagement, kept by coordinators and admins."""

from django.urls import reverse

from organisations.tenancy import organisation_scope
from recruitment.models import Post


def test_a_coordinator_adds_a_post_with_qualities_and_qualifications(cast, client_for):
    client = client_for("cleo")
    response = client.post(reverse("recruitment:post_new"), {
        "title": "Peer mentor", "engagement": "volunteer", "hours": "A few hours a week",
        "qualities": "Warm\nA good listener", "is_open": "on",
        "q-TOTAL_FORMS": "2", "q-INITIAL_FORMS": "0",
        "q-0-what": "Level 2 counselling skills", "q-0-need": "experience_instead",
        "q-1-what": "", "q-1-need": "required",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:1000]
    with organisation_scope(cast.riverside):
        post = Post.objects.get()
        assert post.quality_lines() == ["Warm", "A good listener"]
        assert [(q.what, q.need) for q in post.qualifications.all()] == [
            ("Level 2 counselling skills", "experience_instead")
        ]
    listing = client.get(reverse("recruitment:posts")).content.decode()
    assert "Peer mentor" in listing and "Experience may stand instead" in listing


def test_a_post_without_a_title_is_shown_again_with_what_to_fix(cast, client_for):
    response = client_for("cleo").post(
        reverse("recruitment:post_new"),
        {"title": "", "engagement": "paid", "qualities": "Kind", "q-TOTAL_FORMS": "0", "q-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 200 and "Kind" in response.content.decode()


def test_another_organisations_post_is_not_found(cast, client_for):
    with organisation_scope(cast.harbour):
        theirs = Post.objects.create(organisation=cast.harbour, title="Harbour guide", engagement="paid")
    assert client_for("cleo").get(reverse("recruitment:post_edit", args=[theirs.pk])).status_code == 404
