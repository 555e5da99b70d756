"""The words for the core's reason codes, translated on the page."""

from django.utils.translation import gettext_lazy as _

from .core import Criterion, LeftOut

C = Criterion
REASONS = {
    (C.LIVED_EXPERIENCE, "staff_as_wished"): _("A staff member without lived experience, as they would rather"),
    (C.LIVED_EXPERIENCE, "not_staff"): _("Has lived experience; they would rather have a staff member"),
    (C.LIVED_EXPERIENCE, "staff_without_lived_experience"): _("A staff member without lived experience"),
    (C.LIVED_EXPERIENCE, "need_not_said"): _("Their main need is not known yet"),
    (C.LIVED_EXPERIENCE, "shares_experience"): _("Lived experience that speaks to their main need"),
    (C.LIVED_EXPERIENCE, "other_experience"): _("Lived experience of other things"),
    (C.LANGUAGE, "speaks_preferred"): _("Speaks the language they asked for"),
    (C.LANGUAGE, "shares_a_language"): _("Shares a language with them"),
    (C.LANGUAGE, "languages_not_known"): _("Their languages are not known yet"),
    (C.LANGUAGE, "no_shared_language"): _("No language in common"),
    (C.GENDER, "no_preference"): _("No preference"),
    (C.GENDER, "as_wished"): _("As they wished"),
    (C.GENDER, "not_known"): _("Not known"),
    (C.GENDER, "not_as_wished"): _("Not what they asked for"),
    (C.CULTURE, "no_preference"): _("No preference"),
    (C.CULTURE, "shared"): _("Shares the culture or background they asked for"),
    (C.CULTURE, "not_shared"): _("Does not share the culture or background they asked for"),
    (C.AGE, "no_preference"): _("No preference"),
    (C.AGE, "not_known"): _("Not known"),
    (C.AGE, "as_wished"): _("As they wished"),
    (C.AGE, "close"): _("Close to what they asked for"),
    (C.AGE, "not_as_wished"): _("Not what they asked for"),
    (C.ONE_TO_ONE, "group"): _("They asked for a group"),
    (C.ONE_TO_ONE, "may_work_alone"): _("May work one-to-one on their own"),
    (C.ONE_TO_ONE, "not_allowed_alone"): _("Not yet working one-to-one on their own"),
    (C.WAYS_OF_MEETING, "no_preference"): _("No preference"),
    (C.WAYS_OF_MEETING, "shared"): _("Meets in a way that suits them"),
    (C.WAYS_OF_MEETING, "not_known"): _("Not known"),
    (C.WAYS_OF_MEETING, "not_shared"): _("Does not meet in the ways that suit them"),
    (C.AVAILABILITY, "any_time"): _("They have not said when they are free"),
    (C.AVAILABILITY, "not_known"): _("Not known"),
    (C.AVAILABILITY, "no_overlap"): _("No time in common"),
    (C.AVAILABILITY, "overlap"): _("Free at the same times"),
    (C.CAPACITY, "full"): _("No room"),
    (C.CAPACITY, "one_place_left"): _("One place left"),
    (C.CAPACITY, "room"): _("Room for someone new"),
}

LEFT_OUT = {
    LeftOut.NOT_AVAILABLE: _("Not available"),
    LeftOut.NOT_TAKING_PEERS: _("Not taking anyone new at this stage"),
    LeftOut.AT_CAPACITY: _("At capacity"),
    LeftOut.NOT_ALLOWED_ALONE: _("Not yet allowed to work one-to-one on their own"),
    LeftOut.NO_SHARED_LANGUAGE: _("No language in common"),
    LeftOut.BELOW_GOOD_ENOUGH: _("Below the good-enough fit"),
}


def reason_text(criterion: str, reason: str) -> str:
    return str(REASONS.get((criterion, reason), reason))


def left_out_text(reason: str) -> str:
    return str(LEFT_OUT.get(reason, LEFT_OUT[LeftOut.NOT_AVAILABLE]))
