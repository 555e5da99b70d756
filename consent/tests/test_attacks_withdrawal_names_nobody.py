"""Recording that a peer withdraws consent says so without their name (it waits in the session).

Messages are kept server-side, but a session row is not encrypted and outlives the peer's erasure:
what it says must name nobody, like every other message.
"""

from django.contrib.messages import get_messages

from people.tests.test_messages_hold_no_names import assert_nothing_in_cookies


def test_withdrawing_consent_says_so_without_their_name(cast, client_for):
    client = client_for("cleo")
    response = client.post(f"/peers/{cast.amara.pk}/consent/withdraw/")

    assert response.status_code == 302
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == ["Withdrawal recorded. From now on nothing that depended on their consent will happen."]
    assert "Amara" not in str(dict(client.session))
    assert_nothing_in_cookies(response, "Amara")
