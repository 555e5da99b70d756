"""Organisations made before competence existed start with the default framework and levels; every
supporter who "may work one-to-one on their own" (the interim flag in matching, removed next) is given
the independent one-to-one level with their experience recognised, so nothing changes for them."""

import datetime as dt

from django.db import migrations

# As in competence.defaults when this was written (a migration keeps its own copy).
COMPETENCES = [
    (
        "values",
        "core",
        "Values and principles",
        "Works from the values of peer support",
        "Agit selon les valeurs du soutien par les pairs",
        "Mutual, hopeful, led by the person: walks beside them rather than deciding for them.",
    ),
    (
        "boundaries",
        "core",
        "Values and principles",
        "Keeps the boundaries of the role",
        "Respecte les limites du rôle",
        "Agreed times and ways of being in touch; a supporter, not a friend on call or a case manager.",
    ),
    (
        "confidentiality",
        "core",
        "Knowledge",
        "Confidentiality and its limits",
        "La confidentialité et ses limites",
        "Explains what stays private and when something must be passed on, before it happens.",
    ),
    (
        "safeguarding",
        "core",
        "Knowledge",
        "Knows the safeguarding route",
        "Connaît la démarche de protection",
        "Recognises a worry, raises it the same day and tells the person first where it is safe to.",
    ),
    (
        "trauma_informed",
        "core",
        "Knowledge",
        "Trauma-informed practice",
        "Pratique tenant compte du trauma",
        "Safety, choice and control for the person in every contact; no one is asked to retell their story.",
    ),
    (
        "suicide_prevention",
        "core",
        "Knowledge",
        "Responds to self-harm and suicide risk",
        "Réagit au risque d'automutilation et de suicide",
        "Asks directly, stays with the person and knows whom to call.",
    ),
    (
        "lived_experience",
        "core",
        "Core relational skills",
        "Shares lived experience with care",
        "Partage son vécu avec soin",
        "Shares only what helps the other person, chooses what to keep private, or shares nothing.",
    ),
    (
        "listening",
        "core",
        "Core relational skills",
        "Listens without judging",
        "Écoute sans juger",
        "Gives full attention, reflects back, leaves silence, does not rescue or advise too soon.",
    ),
    (
        "difference",
        "core",
        "Core relational skills",
        "Works across difference",
        "Travaille avec la différence",
        "Culture, language, gender, faith and age are respected and asked about, never assumed.",
    ),
    (
        "self_care",
        "core",
        "Self-care and supervision",
        "Looks after themselves and uses supervision",
        "Prend soin de soi et utilise la supervision",
        "Knows their early signs, keeps their self-care plan and brings hard moments to supervision.",
    ),
    (
        "crisis",
        "optional",
        "Supporting people",
        "Supports someone through a crisis",
        "Accompagne une crise",
        "Stays calm, keeps everyone safe and brings in the right help.",
    ),
    (
        "groups",
        "optional",
        "Supporting people",
        "Facilitates a group",
        "Anime un groupe",
        "Sets norms with the group, shares the time, stops cross-talk and notices who is triggered.",
    ),
    (
        "recovery_planning",
        "optional",
        "Supporting people",
        "Supports a person's own plan",
        "Soutient le projet de la personne",
        "Helps the person name goals in their own words and small steps towards them.",
    ),
    (
        "mentoring",
        "optional",
        "Teams and rights",
        "Mentors a new peer supporter",
        "Accompagne un nouveau pair aidant",
        "Lets a newcomer shadow them, then shadows them in turn and gives honest, kind feedback.",
    ),
    (
        "advocacy",
        "optional",
        "Teams and rights",
        "Speaks up for people's rights",
        "Défend les droits des personnes",
        "Helps the person be heard by services and speaks up when the team forgets the peer view.",
    ),
    (
        "judgement",
        "optional",
        "Meta-competences",
        "Judgement and reflection",
        "Jugement et réflexion",
        "Adapts to the person and the moment, and learns from what went well or not.",
    ),
    (
        "org_supervision",
        "organisational",
        "Organisational",
        "Regular supervision is offered",
        "Une supervision régulière est proposée",
        "Weekly for someone new, at least monthly later, with an open door between.",
    ),
    (
        "org_wellbeing",
        "organisational",
        "Organisational",
        "Paid time for the supporter's own wellbeing",
        "Du temps payé pour le bien-être du pair aidant",
        "Therapy or counselling time, flexible time off, and more than one peer supporter on the team.",
    ),
    (
        "org_progress",
        "organisational",
        "Organisational",
        "Routes to grow and pay on par",
        "Des voies pour évoluer et une paie équitable",
        "Levels to grow through, training in paid time and pay on par with non-peer staff.",
    ),
]

LEVELS = [
    ("other_roles", "Other roles: no direct work", "Autres rôles : pas de travail direct", [], [], 0, 0),
    ("observing", "Observing", "Observation", [], ["values", "boundaries", "confidentiality"], 0, 0),
    (
        "co_facilitating",
        "Co-facilitating groups",
        "Co-animation de groupes",
        ["co_facilitate_group"],
        ["values", "boundaries", "confidentiality", "safeguarding", "listening"],
        4,
        0,
    ),
    (
        "supervised_one_to_one",
        "Supervised one-to-one",
        "Accompagnement individuel supervisé",
        ["co_facilitate_group", "one_to_one_supervised"],
        [
            "values",
            "boundaries",
            "confidentiality",
            "safeguarding",
            "listening",
            "trauma_informed",
            "lived_experience",
            "self_care",
        ],
        6,
        0,
    ),
    (
        "independent_one_to_one",
        "Independent one-to-one",
        "Accompagnement individuel autonome",
        ["co_facilitate_group", "one_to_one_supervised", "one_to_one_alone", "lead_group"],
        [
            "values",
            "boundaries",
            "confidentiality",
            "safeguarding",
            "listening",
            "trauma_informed",
            "lived_experience",
            "self_care",
            "suicide_prevention",
            "difference",
        ],
        6,
        4,
    ),
    (
        "mentor",
        "Mentor to new peer supporters",
        "Mentor des nouveaux pairs aidants",
        ["co_facilitate_group", "one_to_one_supervised", "one_to_one_alone", "lead_group", "mentor"],
        [
            "values",
            "boundaries",
            "confidentiality",
            "safeguarding",
            "listening",
            "trauma_informed",
            "lived_experience",
            "self_care",
            "suicide_prevention",
            "difference",
            "mentoring",
        ],
        6,
        4,
    ),
]

CARRIED_OVER = "independent_one_to_one"
REASON = "Already worked one-to-one on their own before responsibility levels began."


def forwards(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    Competence = apps.get_model("competence", "Competence")
    Level = apps.get_model("competence", "Level")
    HeldLevel = apps.get_model("competence", "HeldLevel")
    LevelChange = apps.get_model("competence", "LevelChange")
    SupporterDetails = apps.get_model("matching", "SupporterDetails")
    through = Level.competences.through
    have = set(Level._base_manager.values_list("organisation_id", flat=True))
    for org in Organisation.objects.exclude(pk__in=have).values_list("pk", flat=True):
        by_code = {}
        for i, (code, kind, area, name, name_fr, text) in enumerate(COMPETENCES, start=1):
            by_code[code] = Competence._base_manager.create(
                organisation_id=org,
                default_code=code,
                kind=kind,
                domain=area,
                name=name,
                name_fr=name_fr,
                description=text,
                position=i,
            ).pk
        for i, (code, name, name_fr, work, needs, shadowing, shadowed) in enumerate(LEVELS, start=1):
            level = Level._base_manager.create(
                organisation_id=org,
                code=code,
                name=name,
                name_fr=name_fr,
                position=i,
                work=list(work),
                shadowing_needed=shadowing,
                shadowed_needed=shadowed,
            )
            through.objects.bulk_create([through(level_id=level.pk, competence_id=by_code[c]) for c in needs])
    today = dt.date.today()
    for details in SupporterDetails._base_manager.filter(may_work_alone=True).select_related("supporter"):
        supporter = details.supporter
        if HeldLevel._base_manager.filter(supporter_id=supporter.pk).exists():
            continue
        level = Level._base_manager.get(organisation_id=supporter.organisation_id, code=CARRIED_OVER)
        HeldLevel._base_manager.create(
            organisation_id=supporter.organisation_id,
            supporter_id=supporter.pk,
            level=level,
            recognised=True,
            since=today,
        )
        LevelChange._base_manager.create(
            organisation_id=supporter.organisation_id,
            supporter_id=supporter.pk,
            to_level=level,
            recognised=True,
            reason=REASON,
        )


def backwards(apps, schema_editor):
    SupporterDetails = apps.get_model("matching", "SupporterDetails")
    HeldLevel = apps.get_model("competence", "HeldLevel")
    alone = HeldLevel._base_manager.filter(level__code__in=[CARRIED_OVER, "mentor"]).values("supporter_id")
    SupporterDetails._base_manager.filter(supporter_id__in=alone).update(may_work_alone=True)


class Migration(migrations.Migration):
    dependencies = [("competence", "0001_initial"), ("matching", "0001_initial"), ("organisations", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
