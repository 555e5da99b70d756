"""The peer's own copy of their plan: in their language (English or French), speaking to "you",
basic needs first, and no names of people (not theirs, not their supporter's)."""

from __future__ import annotations

from organisations.tenancy import all_organisations
from people.models import Peer

from .helpers import goal_of, url


def test_the_copy_speaks_to_them_basic_needs_first_and_names_nobody(cast, client_for):
    goal_of(cast, words="Learn to drive", kind="longer_term", helpers=("supporter",))
    goal_of(cast, words="A bed for tonight", kind="basic_need")
    body = client_for("pat").get(url(cast.amara, "for-the-peer/")).content.decode()
    assert "<title>My plan" in body
    main = body.split("<article", 1)[1]
    assert main.index("First things first") < main.index("A bed for tonight") < main.index("Learn to drive")
    assert "Your peer supporter" in main and "You are working on it." in main
    assert "Amara" not in main and "Pat" not in main


def test_the_copy_is_in_the_peers_first_language_when_it_is_french(cast, client_for):
    with all_organisations():
        Peer.objects.filter(pk=cast.amara.pk).update(languages=["fr", "en"])
    goal_of(cast, words="Trouver un logement", helpers=("peer",))
    body = client_for("pat").get(url(cast.amara, "for-the-peer/")).content.decode()
    main = body.split("<article", 1)[1]
    assert "Mon plan" in main and "Logement" in main and "Vous" in main
    english = client_for("pat").get(url(cast.amara, "for-the-peer/") + "?language=en").content.decode()
    assert "My plan" in english.split("<article", 1)[1] and "Housing" in english


def test_a_made_up_language_falls_back_to_the_page_language(cast, client_for):
    response = client_for("pat").get(url(cast.amara, "for-the-peer/") + "?language=xx")
    assert response.status_code == 200 and "Nothing is written down yet" in response.content.decode()
