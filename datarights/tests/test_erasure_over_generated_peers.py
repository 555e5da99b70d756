"""Whatever a peer's record holds, after erasure none of their words is left in any column of any
table (read raw, encrypted columns decrypted), and the figures still count them.
"""

import json
import re
from datetime import date, datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from consent.models import ConsentText, Purpose
from consent.services import record_consent
from datarights.services import erase_peer
from encryption.fields import decrypt
from home.figures import peer_figures
from organisations.tenancy import organisation_scope
from people import choices
from people import services as people

# Words as people type them: any letters, digits, punctuation and spaces, in any script.
words = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x00"), min_size=4, max_size=40
).map(str.strip)


_A_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?([+-]\d{2}:?\d{2}|Z)?$")


def everything_stored() -> list[str]:
    """Every value in every table, as stored, with encrypted ones decrypted."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (our own table names)
            for row in cursor.fetchall():
                for value in row:
                    if value is None or isinstance(value, int | float | date | datetime) or _A_MOMENT.match(str(value)):
                        # Numbers and moments are not anyone's words ("0000" is inside a time written by
                        # the erasure itself, 22:41:07.500000, a tenth of the time).
                        continue
                    if isinstance(value, memoryview | bytes):
                        value = bytes(value).decode(errors="replace")
                    if not isinstance(value, str):
                        value = json.dumps(value, ensure_ascii=False, default=str)
                    found.append(value)
                    try:
                        found.append(decrypt(value))
                    except Exception:  # noqa: BLE001, S112 (not a token: it was plain)
                        continue
    return found


FREE_TEXT = [
    "chosen_name",
    "pronouns",
    "gender_in_own_words",
    "country_of_origin",
    "safe_times",
    "code_word",
    "safety_notes",
    "needs_notes",
    "supporter_culture",
]

peers = st.fixed_dictionaries(
    dict.fromkeys(FREE_TEXT, words),
    optional={
        "age_band": st.sampled_from(choices.AgeBand.values),
        "primary_need": st.sampled_from(choices.PrimaryNeed.values),
        "gender": st.sampled_from(choices.Gender.values),
        "languages": st.lists(st.sampled_from([code for code, _ in choices.LANGUAGES]), max_size=3, unique=True),
    },
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fields=peers,
    contact_details=st.lists(words, max_size=3),
    reasons=st.lists(words, min_size=1, max_size=2),
    needs=st.lists(st.sampled_from(choices.NeedDomain.values), max_size=4, unique=True),
    counted=st.booleans(),
)
def test_nothing_a_peer_told_us_survives_erasure(in_riverside, fields, contact_details, reasons, needs, counted):
    # Each generated peer in a savepoint rolled back afterwards, so examples do not see each other.
    with transaction.atomic():
        erase_and_check(in_riverside, fields, contact_details, reasons, needs, counted)
        transaction.set_rollback(True)


def erase_and_check(cast, fields, contact_details, reasons, needs, counted):
    their_words = [fields[name] for name in FREE_TEXT] + contact_details + reasons
    before = everything_stored()
    assume(all(len(w) >= 4 and not any(w in value for value in before) for w in their_words))

    with organisation_scope(cast.riverside):
        peer = people.create_peer(
            membership=cast.cleo,
            fields=fields,
            needs=needs,
            contact_methods=[{"channel": "text", "detail": d, "is_safe": True} for d in contact_details],
        )
        workers = [(cast.pat, "peer_support"), (cast.stef, "case_management")][: len(reasons)]
        for reason, (worker, kind) in zip(reasons, workers, strict=True):
            people.assign(
                peer=peer,
                worker=worker,
                by=cast.cleo,
                kind=kind,
                reason=reason,
                starts_on=timezone.localdate() - timedelta(days=3),
            )
        agreed = [Purpose.TAKE_PART, Purpose.STORE_DATA] + ([Purpose.REPORTS] if counted else [])
        record_consent(
            peer=peer,
            by=cast.cleo,
            text=ConsentText.objects.get(language="en"),
            agreed=agreed,
            limits_explained_by=cast.cleo,
            limits_explained_at=timezone.now(),
        )
        stored = everything_stored()
        assert all(any(w in value for value in stored) for w in their_words), "the scan must see them first"
        figures = peer_figures()

        erase_peer(peer, by=cast.cleo)

        left = everything_stored()
        for word in their_words:
            assert not any(word in value for value in left), f"{word!r} is still stored"
        after = peer_figures()
    assert after["total"].count == figures["total"].count
    for key in ("by_need", "by_primary_need", "by_age"):
        assert [f.count for f in after[key]] == [f.count for f in figures[key]]
