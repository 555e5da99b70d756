"""The vocabularies used to describe peers and peer supporters. Every one offers a way not to say."""

from django.db import models
from django.utils.translation import gettext_lazy as _

PREFER_NOT = "prefer_not"


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    AGE_18_24 = "18_24", _("18 to 24")
    AGE_25_34 = "25_34", _("25 to 34")
    AGE_35_44 = "35_44", _("35 to 44")
    AGE_45_54 = "45_54", _("45 to 54")
    AGE_55_PLUS = "55_plus", _("55 or over")
    PREFER_NOT = PREFER_NOT, _("Prefer not to say")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    SELF_DESCRIBED = "self_described", _("In their own words")
    PREFER_NOT = PREFER_NOT, _("Prefer not to say")


class NeedDomain(models.TextChoices):
    MENTAL_HEALTH = "mental_health", _("Mental health")
    HOUSING = "housing", _("Housing")
    EDUCATION_EMPLOYMENT = "education_employment", _("Education or employment")
    MEDICAL = "medical", _("Medical")
    IMMIGRATION = "immigration", _("Immigration or visa")
    LEGAL = "legal", _("Legal")
    FINANCIAL = "financial", _("Money and benefits")
    SUBSTANCE_USE = "substance_use", _("Substance use")
    SOCIAL_CONNECTION = "social_connection", _("Social connection")
    SAFETY = "safety", _("Safety")


class SupportFormat(models.TextChoices):
    ONE_TO_ONE = "one_to_one", _("One-to-one")
    GROUP = "group", _("In a group")
    EITHER = "either", _("Either")
    PREFER_NOT = PREFER_NOT, _("Prefer not to say")


class SupportMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    PHONE = "phone", _("By phone")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Every month")
    AS_NEEDED = "as_needed", _("When they ask")
    NOT_SURE = "not_sure", _("Not sure yet")


class SupporterGenderPreference(models.TextChoices):
    NO_PREFERENCE = "none", _("No preference")
    WOMAN = "woman", _("A woman")
    MAN = "man", _("A man")
    NON_BINARY = "non_binary", _("A non-binary person")
    PREFER_NOT = PREFER_NOT, _("Prefer not to say")


class PrimaryNeed(models.TextChoices):
    TRAFFICKING = "trafficking", _("Recovering from trafficking or exploitation")
    SUBSTANCE_USE = "substance_use", _("Substance use")
    TRAUMA = "trauma", _("Trauma more broadly")
    NOT_SURE = "not_sure", _("Not sure yet")
    PREFER_NOT = PREFER_NOT, _("Prefer not to say")


class ContactChannel(models.TextChoices):
    PHONE_CALL = "phone_call", _("Phone call")
    TEXT = "text", _("Text message")
    MESSAGING_APP = "messaging_app", _("Messaging app")
    EMAIL = "email", _("Email")
    THROUGH_SERVICE = "through_service", _("Through another service")
    IN_PERSON = "in_person", _("In person at our drop-in")


class MessageSafety(models.TextChoices):
    YES = "yes", _("Yes, a message is safe")
    NO = "no", _("No, never leave a message")
    UNKNOWN = "unknown", _("Not asked yet")


class LivedExperience(models.TextChoices):
    TRAFFICKING = "trafficking", _("Trafficking")
    SEXUAL_EXPLOITATION = "sexual_exploitation", _("Sexual exploitation")
    SEXUAL_VIOLENCE = "sexual_violence", _("Sexual violence")
    DOMESTIC_ABUSE = "domestic_abuse", _("Domestic abuse")
    SUBSTANCE_USE = "substance_use", _("Substance use and recovery")
    MENTAL_HEALTH = "mental_health", _("Mental ill-health")
    HOMELESSNESS = "homelessness", _("Homelessness")
    IMMIGRATION = "immigration", _("The immigration system")
    CRIMINAL_JUSTICE = "criminal_justice", _("The criminal justice system")


class Employment(models.TextChoices):
    PAID = "paid", _("Paid")
    VOLUNTEER = "volunteer", _("Volunteer")


class SupporterStage(models.TextChoices):
    """Where a peer supporter is on their path; the workforce issue adds the detail of each stage."""

    RECRUITED = "recruited", _("Applied")
    READINESS = "readiness", _("Readiness conversations")
    TRAINING = "training", _("In training")
    SHADOWING = "shadowing", _("Shadowing")
    ACTIVE = "active", _("Supporting peers")
    PAUSED = "paused", _("Taking a break")
    LEFT = "left", _("Moved on")


# Languages people commonly speak in the programs we serve; ISO 639-1 codes. Names are translated.
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("ro", _("Romanian")),
    ("pl", _("Polish")),
    ("bg", _("Bulgarian")),
    ("sq", _("Albanian")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("ps", _("Pashto")),
    ("ku", _("Kurdish")),
    ("ti", _("Tigrinya")),
    ("am", _("Amharic")),
    ("so", _("Somali")),
    ("sw", _("Swahili")),
    ("yo", _("Yoruba")),
    ("ig", _("Igbo")),
    ("vi", _("Vietnamese")),
    ("zh", _("Chinese")),
    ("th", _("Thai")),
    ("tl", _("Tagalog")),
    ("hi", _("Hindi")),
    ("ur", _("Urdu")),
    ("bn", _("Bengali")),
    ("pa", _("Punjabi")),
    ("ta", _("Tamil")),
    ("ht", _("Haitian Creole")),
    ("asl", _("Sign language")),
]
LANGUAGE_NAMES = dict(LANGUAGES)


class EndingReason(models.TextChoices):
    """Why a support ended (or will end). Planned endings can be good ones."""

    GOALS_MET = "goals_met", _("Goals met")
    MOVING_ON = "moving_on", _("Moving on")
    MOVING_AWAY = "moving_away", _("Moving away")
    AGEING_OUT = "ageing_out", _("Ageing out of a youth program")
    PEER_CHOSE = "peer_chose", _("The peer chose to stop")
    SUPPORTER_LEAVING = "supporter_leaving", _("The peer supporter is leaving")
    OTHER = "other", _("Another reason")
    PREFER_NOT = PREFER_NOT, _("Prefer not to say")
