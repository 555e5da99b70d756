"""Generated directories, as plain data (``directory.hsds``): any partner, service and place the
pages could have saved."""

from __future__ import annotations

from hypothesis import strategies as st

from directory import hsds
from directory.models import Category, ServiceStatus
from people.choices import LANGUAGES

# Any printable text, as a form keeps it (trimmed); with accents, scripts and line breaks inside.
_letters = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x00")


def text(max_size: int = 60, min_size: int = 0):
    return st.text(_letters | st.just("\n"), max_size=max_size).map(str.strip).filter(lambda t: len(t) >= min_size)


def one_line(max_size: int):
    return st.text(_letters, max_size=max_size).map(lambda t: " ".join(t.split()))


names = one_line(60).filter(bool)
emails = st.from_regex(r"[a-z][a-z0-9]{0,8}(\.[a-z0-9]{1,5})?@[a-z]{1,10}\.(org|uk|example)", fullmatch=True)
websites = st.from_regex(r"https://[a-z]{1,12}\.(org|org\.uk|example)(/[a-z0-9-]{1,10})?", fullmatch=True)
phones = st.from_regex(r"\+?[0-9][0-9 ]{5,18}[0-9]", fullmatch=True)
codes = st.lists(st.sampled_from([c.value for c in Category]), unique=True, max_size=4).map(tuple)
language_codes = st.lists(st.sampled_from([code for code, _ in LANGUAGES]), unique=True, max_size=4).map(tuple)


@st.composite
def locations(draw):
    return hsds.LocationData(
        hsds_id=draw(st.uuids()),
        name=draw(one_line(40)),
        address=draw(one_line(60)),
        city=draw(one_line(30)),
        postal_code=draw(st.from_regex(r"([A-Z]{1,2}[0-9]{1,2} [0-9][A-Z]{2})?", fullmatch=True)),
        area=draw(one_line(30)),
        country=draw(st.sampled_from(["", "GB", "FR", "IE"])),
        accessibility=draw(text()),
        opening_hours=draw(text()),
    )


@st.composite
def partners(draw, name: str):
    places = draw(st.lists(locations(), max_size=3, unique_by=lambda loc: loc.hsds_id))
    services = []
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.lists(st.sampled_from(places), unique_by=lambda loc: loc.hsds_id)) if places else []
        services.append(
            hsds.ServiceData(
                hsds_id=draw(st.uuids()),
                name=draw(names),
                description=draw(text()),
                categories=draw(codes),
                languages=draw(language_codes),
                how_to_get_in=draw(text()),
                eligibility=draw(text()),
                status=draw(st.sampled_from([s.value for s in ServiceStatus])),
                places=tuple((draw(st.uuids()), loc.hsds_id) for loc in at),
            )
        )
    return hsds.PartnerData(
        hsds_id=draw(st.uuids()),
        name=name,
        description=draw(text(200)),
        website=draw(st.just("") | websites),
        email=draw(st.just("") | emails),
        phone=draw(st.just("") | phones),
        services=tuple(services),
        locations=tuple(places),
    )


@st.composite
def directories(draw, max_partners: int = 4):
    chosen = draw(st.lists(names, max_size=max_partners, unique_by=str.casefold))
    return [draw(partners(name)) for name in chosen]
