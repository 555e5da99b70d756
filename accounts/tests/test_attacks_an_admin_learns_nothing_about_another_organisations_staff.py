"""Inviting someone tells an admin nothing about accounts in other organisations.

Ada, Riverside's admin, types the address of Hugo, a coordinator at Harbour, and then the address of
someone with no account at all. If the answers differed, the Team page would tell her who works with
survivors elsewhere. Both read the same: the invitation is sent, and waits for them, under the name
she typed. Only the person the address belongs to learns, from the link, that they can sign in.
"""

import re

from accounts.models import Invitation

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def invite(client, name, email):
    response = client.post("/team/", {"display_name": name, "email": email, "role": "peer_supporter"}, follow=True)
    assert response.status_code == 200
    text = response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return CSRF.sub("", text.replace(email, "ADDRESS").replace(email.lower(), "ADDRESS").replace(name, "NAME")), [
        str(message).replace(email, "ADDRESS") for message in response.context["messages"]
    ]


def test_an_address_with_an_account_elsewhere_reads_like_any_other(cast, client_for):
    ada = client_for("ada")
    stranger = invite(ada, "Noor", "noor@elsewhere.test")
    Invitation.objects.all().delete()  # the Team page lists open invitations; compare like with like
    hugo = invite(ada, "Hugh", "Hugo@Harbour.test")
    assert hugo == stranger
    assert Invitation.objects.get().email == "hugo@harbour.test"
