"""The framework and levels a new organisation starts with; it renames, retires and adds to them.

The areas follow the structure of the NCCMH Competence Framework for Mental Health Peer Support Workers
(2020): core competences to start out, optional ones to grow in the role, and organisational ones for
the employer. The names and statements are our own words.
"""

from __future__ import annotations

# (code, kind, area, name, name in French, what it looks like)
COMPETENCES = [
    ("values", "core", "Values and principles", "Works from the values of peer support",
     "Agit selon les valeurs du soutien par les pairs",
     "Mutual, hopeful, led by the person: walks beside them rather than deciding for them."),
    ("boundaries", "core", "Values and principles", "Keeps the boundaries of the role",
     "Respecte les limites du rôle",
     "Agreed times and ways of being in touch; a supporter, not a friend on call or a case manager."),
    ("confidentiality", "core", "Knowledge", "Confidentiality and its limits",
     "La confidentialité et ses limites",
     "Explains what stays private and when something must be passed on, before it happens."),
    ("safeguarding", "core", "Knowledge", "Knows the safeguarding route",
     "Connaît la démarche de protection",
     "Recognises a worry, raises it the same day and tells the person first where it is safe to."),
    ("trauma_informed", "core", "Knowledge", "Trauma-informed practice", "Pratique tenant compte du trauma",
     "Safety, choice and control for the person in every contact; no one is asked to retell their story."),
    ("suicide_prevention", "core", "Knowledge", "Responds to self-harm and suicide risk",
     "Réagit au risque d'automutilation et de suicide",
     "Asks directly, stays with the person and knows whom to call."),
    ("lived_experience", "core", "Core relational skills", "Shares lived experience with care",
     "Partage son vécu avec soin",
     "Shares only what helps the other person, chooses what to keep private, or shares nothing."),
    ("listening", "core", "Core relational skills", "Listens without judging", "Écoute sans juger",
     "Gives full attention, reflects back, leaves silence, does not rescue or advise too soon."),
    ("difference", "core", "Core relational skills", "Works across difference", "Travaille avec la différence",
     "Culture, language, gender, faith and age are respected and asked about, never assumed."),
    ("self_care", "core", "Self-care and supervision", "Looks after themselves and uses supervision",
     "Prend soin de soi et utilise la supervision",
     "Knows their early signs, keeps their self-care plan and brings hard moments to supervision."),
    ("crisis", "optional", "Supporting people", "Supports someone through a crisis", "Accompagne une crise",
     "Stays calm, keeps everyone safe and brings in the right help."),
    ("groups", "optional", "Supporting people", "Facilitates a group", "Anime un groupe",
     "Sets norms with the group, shares the time, stops cross-talk and notices who is triggered."),
    ("recovery_planning", "optional", "Supporting people", "Supports a person's own plan",
     "Soutient le projet de la personne",
     "Helps the person name goals in their own words and small steps towards them."),
    ("mentoring", "optional", "Teams and rights", "Mentors a new peer supporter",
     "Accompagne un nouveau pair aidant",
     "Lets a newcomer shadow them, then shadows them in turn and gives honest, kind feedback."),
    ("advocacy", "optional", "Teams and rights", "Speaks up for people's rights",
     "Défend les droits des personnes",
     "Helps the person be heard by services and speaks up when the team forgets the peer view."),
    ("judgement", "optional", "Meta-competences", "Judgement and reflection", "Jugement et réflexion",
     "Adapts to the person and the moment, and learns from what went well or not."),
    ("org_supervision", "organisational", "Organisational", "Regular supervision is offered",
     "Une supervision régulière est proposée",
     "Weekly for someone new, at least monthly later, with an open door between."),
    ("org_wellbeing", "organisational", "Organisational", "Paid time for the supporter's own wellbeing",
     "Du temps payé pour le bien-être du pair aidant",
     "Therapy or counselling time, flexible time off, and more than one peer supporter on the team."),
    ("org_progress", "organisational", "Organisational", "Routes to grow and pay on par",
     "Des voies pour évoluer et une paie équitable",
     "Levels to grow through, training in paid time and pay on par with non-peer staff."),
]  # fmt: skip

# (code, name, name in French, work it includes, competence codes needed, shadowing, shadowed)
LEVELS = [
    ("other_roles", "Other roles: no direct work", "Autres rôles : pas de travail direct", [], [], 0, 0),
    ("observing", "Observing", "Observation", [], ["values", "boundaries", "confidentiality"], 0, 0),
    ("co_facilitating", "Co-facilitating groups", "Co-animation de groupes", ["co_facilitate_group"],
     ["values", "boundaries", "confidentiality", "safeguarding", "listening"], 4, 0),
    ("supervised_one_to_one", "Supervised one-to-one", "Accompagnement individuel supervisé",
     ["co_facilitate_group", "one_to_one_supervised"],
     ["values", "boundaries", "confidentiality", "safeguarding", "listening", "trauma_informed",
      "lived_experience", "self_care"], 6, 0),
    ("independent_one_to_one", "Independent one-to-one", "Accompagnement individuel autonome",
     ["co_facilitate_group", "one_to_one_supervised", "one_to_one_alone", "lead_group"],
     ["values", "boundaries", "confidentiality", "safeguarding", "listening", "trauma_informed",
      "lived_experience", "self_care", "suicide_prevention", "difference"], 6, 4),
    ("mentor", "Mentor to new peer supporters", "Mentor des nouveaux pairs aidants",
     ["co_facilitate_group", "one_to_one_supervised", "one_to_one_alone", "lead_group", "mentor"],
     ["values", "boundaries", "confidentiality", "safeguarding", "listening", "trauma_informed",
      "lived_experience", "self_care", "suicide_prevention", "difference", "mentoring"], 6, 4),
]  # fmt: skip

# The level given to a supporter who already worked one-to-one on their own before levels.
CARRIED_OVER = "independent_one_to_one"
SUPERVISED = "supervised_one_to_one"  # the level of those who may work one-to-one, not yet alone
