"""The consent page's ?language= is a choice from our languages: anything else shows the newest text.

On PostgreSQL a NUL in it reached the database and answered 500 (text cannot hold NUL).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.mark.parametrize("language", ["\x00", "fr\x00", "x" * 100_000, "no-such-language"])
def test_a_language_we_do_not_offer_shows_the_newest_text_and_never_reaches_the_database(cast, client_for, language):
    client = client_for("cleo")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/peers/{cast.amara.pk}/consent/", {"language": language})

    assert response.status_code == 200
    assert "Taking part" in response.content.decode() or "Participer" in response.content.decode()
    assert not any(language in str(query["sql"]) for query in queries.captured_queries)


def test_a_language_we_offer_picks_its_text(cast, client_for):
    response = client_for("cleo").get(f"/peers/{cast.amara.pk}/consent/", {"language": "fr"})
    assert "Participer" in response.content.decode()
