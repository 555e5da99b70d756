"""The fictional organisations and people of the demo. Every name here is invented."""

from __future__ import annotations

DEMO_PASSWORD = "alongside-demo"
# Base32; any authenticator app accepts it, or run `manage.py demo_totp` for the current code.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPALONGSIDEDEMO234"
DEMO_EMAIL_DOMAIN = "demo.alongside.invalid"

ORGANISATIONS = [
    {
        "slug": "riverside",
        "name": "Riverside Survivor Network",
        "peers_per_scale": 17,
        "supporters_per_scale": 2,
        "staff": 1,
        "partners": ["Haven Housing Association", "Northgate Legal Advice", "Open Door Counselling"],
    },
    {
        "slug": "harbour",
        "name": "Harbour Anti-Trafficking Trust",
        "peers_per_scale": 83,
        "supporters_per_scale": 8,
        "staff": 3,
        "partners": [
            "Harbour City Housing",
            "Migrant Rights Law Centre",
            "Rainbow Health Collective",
            "Clearwater Recovery Service",
            "Bridges Employment Project",
        ],
    },
]

# One sign-in per role in each organisation: e.g. coordinator@riverside.demo.alongside.invalid
ROLE_USERS = [
    ("admin", "Organisation admin"),
    ("coordinator", "Coordinator"),
    ("supervisor", "Supervisor"),
    ("peer_supporter", "Peer supporter"),
    ("staff", "Case manager"),
    ("evaluator", "Evaluator"),
]

FIRST_NAMES = [
    "Amara",
    "Ioana",
    "Lin",
    "Mariam",
    "Noor",
    "Grace",
    "Thu",
    "Elena",
    "Fatima",
    "Joy",
    "Hana",
    "Rosa",
    "Ada",
    "Mira",
    "Sade",
    "Yasmin",
    "Ana",
    "Kemi",
    "Leila",
    "Daria",
    "Precious",
    "Blessing",
    "Olga",
    "Nadia",
    "Sofia",
    "Zara",
    "Esi",
    "Aylin",
    "Tamar",
    "Rahel",
    "Mai",
    "Luz",
    "Ines",
    "Kateryna",
    "Bisi",
    "Sam",
    "Alex",
    "Jo",
    "Remi",
    "Tomas",
    "Adrian",
    "Femi",
    "Omar",
    "Bao",
    "Dmitri",
    "Kwame",
    "Luca",
]
PRONOUNS = ["she/her", "he/him", "they/them", ""]
SAFE_TIMES = [
    "Weekday mornings only.",
    "After 6pm, never at weekends.",
    "Tuesdays and Thursdays, 10am to 2pm.",
    "Any time, but text first.",
    "",
]
SAFETY_NOTES = [
    "Lives with people who must not know about us. Never mention the service by name.",
    "Changed phone recently; check the number before using it.",
    "Prefers to meet away from the area where she used to work.",
    "",
    "",
]
NEEDS_NOTES = [
    "Wants help getting to GP appointments.",
    "Worried about a housing decision coming up.",
    "Would like to find a college course.",
    "",
]
CULTURES = ["Someone who knows West African culture", "Someone from Eastern Europe", "", "", ""]
AVAILABILITY = ["Weekday mornings", "Evenings and Saturdays", "Mondays to Wednesdays", "School hours"]
COUNTRIES = ["Romania", "Nigeria", "Vietnam", "Albania", "Eritrea", "Ukraine", "Brazil", "Philippines", ""]
