"""What the safeguarding forms offer to choose from: plain codes, counted; the words are the labels."""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _


class Urgency(models.TextChoices):
    TODAY = "today", _("Today: someone may be in danger")
    THIS_WEEK = "this_week", _("This week")
    WHEN_YOU_CAN = "when_you_can", _("When you can")


# A concern nobody has taken is overdue this long after it was raised.
TAKE_WITHIN = {
    Urgency.TODAY: timedelta(hours=2),
    Urgency.THIS_WEEK: timedelta(days=3),
    Urgency.WHEN_YOU_CAN: timedelta(days=7),
}


class RoutedBecause(models.TextChoices):
    SUPERVISOR = "supervisor", _("their supervisor")
    DEPUTY = "deputy", _("deputising for their supervisor")
    DUTY_COORDINATOR = "duty_coordinator", _("duty coordinator")
    COORDINATOR = "coordinator", _("coordinator (nobody is on the rota)")


class PeerTold(models.TextChoices):
    NOT_YET = "not_yet", _("Not yet")
    YES = "yes", _("Yes, they were told first")
    NO = "no", _("No")


class Report(models.TextChoices):
    NOT_DECIDED = "not_decided", _("Not decided")
    REPORTED = "reported", _("A report was made")
    NOT_REPORTED = "not_reported", _("Decided not to report")


class Authority(models.TextChoices):
    POLICE = "police", _("The police")
    ADULT_SAFEGUARDING = "adult_safeguarding", _("Adult safeguarding (the local authority)")
    CHILDREN = "children", _("Children's services")
    MODERN_SLAVERY = "modern_slavery", _("The modern slavery referral route")
    HEALTH = "health", _("A health service")
    OTHER = "other", _("Another authority")


class Outcome(models.TextChoices):
    SAFE_NOW = "safe_now", _("They are safe now; support goes on")
    REFERRED = "referred", _("Referred to a partner who can help")
    REPORTED = "reported", _("Handled through the report")
    NO_FURTHER_ACTION = "no_further_action", _("No further action needed")
    PEER_DECLINED = "peer_declined", _("The peer did not want anything done")
    LOST_CONTACT = "lost_contact", _("We lost contact")


class StepKind(models.TextChoices):
    RAISED = "raised", _("raised")
    ROUTED = "routed", _("sent to")
    TAKEN = "taken", _("taken")
    ACTION_ADDED = "action_added", _("action added")
    ACTION_DONE = "action_done", _("action done")
    TOLD = "told", _("whether the peer was told recorded")
    WISHES = "wishes", _("the peer's wishes recorded")
    REPORT = "report", _("report decision recorded")
    OUTCOME = "outcome", _("outcome recorded")


class FlagKind(models.TextChoices):
    MEET_IN_PAIRS = "meet_in_pairs", _("Meet in pairs")
    OFFICE_ONLY = "office_only", _("Meet at the office only")
    NO_HOME_VISITS = "no_home_visits", _("No home visits")
    OTHER = "other", _("Something else")
