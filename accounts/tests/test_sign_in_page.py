"""The sign-in page: one way to reset a forgotten password, after the button, not inside the form."""

import re


def test_the_sign_in_page_offers_the_password_reset_once(client, db):
    page = client.get("/accounts/login/").content.decode()
    assert len(re.findall(r'href="/accounts/password/reset/"', page)) == 1
    assert 'aria-describedby="id_password_helptext"' not in page  # the password field has no help text now
