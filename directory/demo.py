"""The demo's partner directory: the demo partners each organisation already names (kept, with their
details filled in) and a few more, each with services and places in the organisation's own areas.
Every name, address, website and number is invented (the numbers are in Ofcom's range for drama).

Called once per organisation by ``seed_demo`` (inside its transaction and ``all_organisations()``),
after the partners exist. The directory does not grow with ``--scale``. Returns the rows made.
"""

from __future__ import annotations

import random
import uuid

from organisations.models import Partner

from .models import Location, Service, ServiceAtLocation

AREAS = {
    "riverside": ["Riverside", "Northgate", "Old Town", "Mill Quarter"],
    "harbour": ["Harbour", "Docklands", "Eastbank", "Westgate", "Hillside"],
}
CITY = {"riverside": "Riverton", "harbour": "Port Ellery"}

# (name, about them, [(service, categories, languages, how to get in, who it is for)])
CATALOGUE: dict[str, tuple[str, list[tuple[str, list[str], list[str], str, str]]]] = {
    "Haven Housing Association": (
        "Supported housing and tenancy help for people leaving exploitation.",
        [
            (
                "Emergency beds",
                ["housing"],
                ["en", "ro", "pl"],
                "A referral from any agency, or call us.",
                "Adults 18 and over.",
            ),
            ("Tenancy support", ["housing"], ["en"], "Ask your peer supporter to refer you.", ""),
        ],
    ),
    "Northgate Legal Advice": (
        "Free legal advice on housing, benefits, debt and immigration.",
        [
            (
                "Drop-in legal clinic",
                ["legal_aid"],
                ["en", "fr", "ar"],
                "Drop in on Wednesday mornings; no appointment.",
                "",
            ),
            (
                "Immigration casework",
                ["immigration", "legal_aid"],
                ["en", "fr"],
                "By referral; we call back within a week.",
                "Any immigration status.",
            ),
        ],
    ),
    "Open Door Counselling": (
        "Trauma-informed counselling, with interpreters when you need one.",
        [
            (
                "Counselling, twelve sessions",
                ["counselling"],
                ["en", "es", "pt"],
                "Self-referral by phone or email.",
                "Adults; women counsellors on request.",
            ),
        ],
    ),
    "Harbour City Housing": (
        "Short-stay and move-on housing across the city.",
        [
            (
                "Move-on flats",
                ["housing"],
                ["en", "sq", "vi"],
                "Referral from a support worker.",
                "Single adults and couples.",
            )
        ],
    ),
    "Migrant Rights Law Centre": (
        "Specialist immigration and trafficking law.",
        [
            (
                "Trafficking and asylum advice",
                ["immigration", "legal_aid"],
                ["en", "ar", "ti", "fa"],
                "Call the advice line first.",
                "",
            ),
        ],
    ),
    "Rainbow Health Collective": (
        "Health care and support by and for LGBTQ+ people.",
        [
            (
                "Sexual health clinic",
                ["health", "lgbtq"],
                ["en", "pt", "th"],
                "Walk in, or book online.",
                "Everyone; LGBTQ+ led.",
            ),
            (
                "Queer migrants' peer group",
                ["lgbtq", "peer_groups"],
                ["en", "es"],
                "Come along; first visit with a volunteer.",
                "",
            ),
        ],
    ),
    "Clearwater Recovery Service": (
        "Support with drugs and alcohol, without judgement.",
        [
            (
                "Recovery drop-in",
                ["substance_use"],
                ["en", "pl", "ro"],
                "Drop in, weekdays 10 to 4.",
                "Adults 18 and over.",
            )
        ],
    ),
    "Bridges Employment Project": (
        "Help into work, training and volunteering.",
        [
            (
                "Job coaching",
                ["employment"],
                ["en", "uk", "ru"],
                "Ask for a first chat on the phone.",
                "People with the right to work.",
            ),
            ("English for work", ["employment", "other"], ["en"], "Termly enrolment; ask us for the dates.", ""),
        ],
    ),
    "Mill Street Health Centre": (
        "A GP practice that registers everyone, with or without an address or papers.",
        [
            (
                "GP registration without papers",
                ["health"],
                ["en", "bn", "ur", "so"],
                "Come to reception, or ask us to call.",
                "Anyone living nearby.",
            )
        ],
    ),
    "Unity Survivors' Circle": (
        "A peer-led group for survivors, meeting in a safe place.",
        [
            (
                "Thursday peer circle",
                ["peer_groups"],
                ["en", "yo", "ig", "sw"],
                "Ask your peer supporter to introduce you.",
                "Survivors of trafficking.",
            )
        ],
    ),
    "Kaleidoscope Drop-in": (
        "A social space and advice for LGBTQ+ people of every age.",
        [("Friday drop-in", ["lgbtq"], ["en", "fr"], "Just come along.", "LGBTQ+ people, 16 and over.")],
    ),
    "Lantern Women's Centre": (
        "A women-only centre with counselling, classes and a crèche.",
        [
            (
                "Women's counselling",
                ["counselling"],
                ["en", "ar", "ku", "ps"],
                "Self-referral by phone.",
                "Women only.",
            ),
            ("Crèche and classes", ["other"], ["en"], "Ask at reception.", "Women with young children."),
        ],
    ),
}
MORE = {
    "riverside": ["Mill Street Health Centre", "Unity Survivors' Circle", "Lantern Women's Centre"],
    "harbour": [
        "Mill Street Health Centre",
        "Unity Survivors' Circle",
        "Kaleidoscope Drop-in",
        "Lantern Women's Centre",
    ],
}
STREETS = [
    "Canal Street",
    "Market Square",
    "Station Road",
    "Chapel Lane",
    "Queen's Parade",
    "Wharf Road",
    "Orchard Row",
]
HOURS = ["Mon–Fri 9:30–4:30", "Tue and Thu 10–3", "Weekdays 10–4, Wed until 7", "Mon, Wed, Fri 9–1"]
ACCESS = [
    "Step-free entrance and an accessible toilet.",
    "Lift to every floor; hearing loop.",
    "Two steps at the door; a ramp on request.",
    "",
]


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _slug(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())[:20]


def seed(seeder) -> int:
    org, slug = seeder.org, seeder.spec["slug"]
    rng = random.Random(f"directory-{slug}")  # noqa: S311 (fictional data, repeatable)
    areas, city = AREAS.get(slug, ["Centre"]), CITY.get(slug, "Riverton")
    partners = list(seeder.partners)
    new = [Partner(organisation=org, name=name, hsds_id=_uuid(rng)) for name in MORE.get(slug, [])]
    partners += Partner.objects.bulk_create(new)
    for partner in partners:
        about, _ = CATALOGUE.get(partner.name, ("", []))
        partner.description = about
        partner.website = f"https://{_slug(partner.name)}.example"
        partner.email = f"hello@{_slug(partner.name)}.example"
        partner.phone = f"01632 960{rng.randint(0, 999):03d}"
        partner.hsds_id = partner.hsds_id or _uuid(rng)
    Partner.objects.bulk_update(partners, ["description", "website", "email", "phone"])

    locations, services, links = [], [], []
    for partner in partners:
        places = []
        for n in range(rng.choice([1, 1, 2])):
            places.append(
                Location(
                    organisation=org,
                    partner=partner,
                    hsds_id=_uuid(rng),
                    name=f"{partner.name.split()[0]} {'centre' if n == 0 else 'outreach room'}",
                    address=f"{rng.randint(1, 180)} {rng.choice(STREETS)}",
                    city=city,
                    postal_code=f"{city[:1]}{city.split()[-1][:1]}{rng.randint(1, 19)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLN')}{rng.choice('PQRSTUWXYZ')}",
                    area=rng.choice(areas),
                    country="GB",
                    accessibility=rng.choice(ACCESS),
                    opening_hours=rng.choice(HOURS),
                )
            )
        locations += places
        for name, categories, languages, how, who in CATALOGUE.get(partner.name, ("", []))[1]:
            service = Service(
                organisation=org,
                partner=partner,
                hsds_id=_uuid(rng),
                name=name,
                description=CATALOGUE[partner.name][0],
                categories=categories,
                languages=languages,
                how_to_get_in=how,
                eligibility=who,
            )
            services.append(service)
            links += [(service, place) for place in places if len(places) == 1 or rng.random() < 0.7] or [
                (service, places[0])
            ]
    Location.objects.bulk_create(locations)
    Service.objects.bulk_create(services)
    ServiceAtLocation.objects.bulk_create(
        [ServiceAtLocation(organisation=org, service=s, location=loc, hsds_id=_uuid(rng)) for s, loc in links]
    )
    return len(new) + len(locations) + len(services) + len(links)
