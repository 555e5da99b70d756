"""What a page says after a change ("The peer has been added.") stays on the server and names nobody.

A message cookie is signed, not encrypted: anyone who sees the browser's cookies could read it.
"""

from django.contrib.messages import get_messages
from django.utils import timezone

from people.tests.test_peer_forms import EMPTY_CONTACTS


def assert_nothing_in_cookies(response, *words):
    assert "messages" not in response.cookies
    for cookie in response.cookies.values():
        for word in words:
            assert word not in cookie.value


def test_adding_a_peer_says_so_without_a_cookie_or_their_name(cast, client_for):
    client = client_for("cleo")
    response = client.post("/peers/new/", {"chosen_name": "Ioana", **EMPTY_CONTACTS})

    assert response.status_code == 302
    assert_nothing_in_cookies(response, "Ioana")
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == ["The peer has been added."]
    page = client.get(response["Location"])
    assert "The peer has been added." in page.content.decode()
    assert_nothing_in_cookies(page, "Ioana")


def test_saving_who_works_with_a_peer_says_so_without_their_name(cast, client_for):
    response = client_for("cleo").post(
        f"/peers/{cast.dee.pk}/assign/",
        {"worker": cast.quinn.pk, "kind": "peer_support", "starts_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    assert_nothing_in_cookies(response, "Dee")
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Saved who works with them."]
