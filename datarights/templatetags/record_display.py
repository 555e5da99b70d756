"""Shows the plain-data record (the same data as the JSON download) as readable HTML."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

register = template.Library()

# The keys of datarights.services.peer_record, as the person reading the record sees them.
LABELS = {
    "about": gettext_lazy("About them"),
    "chosen_name": gettext_lazy("Chosen name"),
    "pronouns": gettext_lazy("Pronouns"),
    "age_band": gettext_lazy("Age"),
    "gender": gettext_lazy("Gender"),
    "gender_in_own_words": gettext_lazy("Gender in their own words"),
    "languages": gettext_lazy("Languages"),
    "country_of_origin": gettext_lazy("Country of origin"),
    "registered_on": gettext_lazy("Registered on"),
    "safety_and_contact": gettext_lazy("Staying safe and in touch"),
    "safe_times": gettext_lazy("Times it is safe to get in touch"),
    "code_word": gettext_lazy("Code word"),
    "safety_notes": gettext_lazy("Safety notes"),
    "contact_methods": gettext_lazy("Ways of getting in touch"),
    "channel": gettext_lazy("How"),
    "detail": gettext_lazy("Number, address or handle"),
    "safe_to_use": gettext_lazy("Safe to use"),
    "leave_a_message": gettext_lazy("Safe to leave a message?"),
    "needs": gettext_lazy("Needs"),
    "areas": gettext_lazy("Areas of support"),
    "notes": gettext_lazy("Notes"),
    "preferences": gettext_lazy("How they would like support"),
    "one_to_one_or_group": gettext_lazy("One-to-one or group"),
    "ways_of_meeting": gettext_lazy("Ways of meeting"),
    "how_often": gettext_lazy("How often"),
    "supporter_gender": gettext_lazy("Preferred gender of a peer supporter"),
    "supporter_language": gettext_lazy("Preferred language of a peer supporter"),
    "supporter_culture": gettext_lazy("Culture or background they would like shared"),
    "main_need": gettext_lazy("Main need"),
    "consent": gettext_lazy("Consent"),
    "text": gettext_lazy("Text shown"),
    "title": gettext_lazy("Title"),
    "version": gettext_lazy("Version"),
    "language": gettext_lazy("Language"),
    "body": gettext_lazy("Text"),
    "given_on": gettext_lazy("Given on"),
    "agreed": gettext_lazy("They agreed to"),
    "take_part": gettext_lazy("Taking part in peer support"),
    "store_data": gettext_lazy("Us keeping a record of their support"),
    "share_with_partners": gettext_lazy("Sharing information with the partners they name"),
    "follow_up": gettext_lazy("Being contacted later for follow-up surveys"),
    "stories": gettext_lazy("Using their words in anonymised stories"),
    "reports": gettext_lazy("Being counted in de-identified reports"),
    "named_partners": gettext_lazy("Named partners"),
    "limits_explained_by": gettext_lazy("Limits of confidentiality explained by"),
    "limits_explained_on": gettext_lazy("Limits of confidentiality explained on"),
    "withdrawn_on": gettext_lazy("Withdrawn on"),
    "superseded_on": gettext_lazy("Replaced on"),
    "who_works_with_them": gettext_lazy("Who works with them"),
    "with": gettext_lazy("With"),
    "kind": gettext_lazy("Kind of support"),
    "from": gettext_lazy("From"),
    "until": gettext_lazy("Until"),
    "reason": gettext_lazy("Reason"),
    "intake": gettext_lazy("Intake conversation"),
    "how_they_arrived": gettext_lazy("How they came to us"),
    "route": gettext_lazy("How"),
    "referred_by": gettext_lazy("Referred by"),
    "arrived_on": gettext_lazy("On"),
    "intake_conversations": gettext_lazy("Intake conversations"),
    "had_on": gettext_lazy("Had on"),
    "safe_to_come": gettext_lazy("Safe for them to come to us"),
    "safe_to_contact": gettext_lazy("Safe for us to contact them"),
    "network_link": gettext_lazy("Someone here linked to the people who harmed them"),
    "network_notes": gettext_lazy("What they said about it"),
    "places_to_avoid": gettext_lazy("Places they must not be seen"),
    "people_to_avoid": gettext_lazy("People they must avoid"),
    "needs_first": gettext_lazy("What needs to come first"),
    "needs_first_notes": gettext_lazy("Notes on what comes first"),
    "wants_peer_support": gettext_lazy("Would they like a peer supporter?"),
    "ask_again_on": gettext_lazy("Ask again on"),
    "wants_notes": gettext_lazy("What they said about a peer supporter"),
    "waiting": gettext_lazy("Why they are waiting"),
    "offers_of_a_peer_supporter": gettext_lazy("Peer supporters offered to them"),
    "peer_supporter": gettext_lazy("Peer supporter"),
    "status": gettext_lazy("Where the offer is"),
    "steps": gettext_lazy("What happened, step by step"),
    "who_opened_the_record": gettext_lazy("Who has opened this record"),
    "support_agreements": gettext_lazy("Support agreements"),
    "agreed_on": gettext_lazy("Agreed on"),
    "ways_of_being_in_touch": gettext_lazy("Ways of being in touch"),
    "ways_never_used": gettext_lazy("Ways never to use"),
    "being_in_touch_notes": gettext_lazy("Anything else about being in touch"),
    "contact_hours": gettext_lazy("The hours contact is expected"),
    "out_of_hours": gettext_lazy("Who to contact outside those hours"),
    "supporter_draws_on_own_story": gettext_lazy("Whether the peer supporter draws on their own story"),
    "talking_about_their_experience": gettext_lazy("Talking about their own experience"),
    "information_sharing_threshold": gettext_lazy("Information-sharing threshold"),
    "sharing_notes": gettext_lazy("Anything else about what stays between them"),
    "crisis_contact": gettext_lazy("Who to contact in a crisis"),
    "review_on": gettext_lazy("When to look at it again"),
    "other_notes": gettext_lazy("Anything else agreed"),
    "recorded_by": gettext_lazy("Written down by"),
    "recorded_on": gettext_lazy("Written down on"),
    "who": gettext_lazy("Who"),
    "when": gettext_lazy("When"),
    "what": gettext_lazy("What"),
    "finding_a_peer_supporter": gettext_lazy("Finding a peer supporter"),
    "what_matters_most": gettext_lazy("What matters most to them"),
    "times_free": gettext_lazy("Times they are free"),
    "supporter_age": gettext_lazy("Preferred age of a peer supporter"),
    "would_rather_have_staff": gettext_lazy("Would rather have a staff member without lived experience"),
    "places_to_keep_away_from": gettext_lazy("Places and circles they keep away from"),
    "what_kind": gettext_lazy("What kind"),
    "name": gettext_lazy("Name"),
    "meetings_and_appointments": gettext_lazy("Meetings and appointments"),
    "how_long": gettext_lazy("How long (minutes)"),
    "where": gettext_lazy("Where"),
    "how_it_went": gettext_lazy("How it went"),
    "plan_and_goals": gettext_lazy("Plan and goals"),
    "goal": gettext_lazy("Goal"),
    "whose_words": gettext_lazy("Whose words"),
    "area_of_life": gettext_lazy("Area of life"),
    "basic_need_or_longer_term": gettext_lazy("A basic need or a longer-term goal"),
    "where_it_is": gettext_lazy("Where it is"),
    "who_helps": gettext_lazy("Who helps"),
    "partner": gettext_lazy("Partner organisation"),
    "someone_else": gettext_lazy("Someone else who helps"),
    "written_down_on": gettext_lazy("Written down on"),
    "small_steps": gettext_lazy("Small steps"),
    "step": gettext_lazy("Step"),
    "done_on": gettext_lazy("Done on"),
    "progress": gettext_lazy("How it is going"),
    "said_on": gettext_lazy("On"),
    "words": gettext_lazy("In their words"),
    "endings_and_cover": gettext_lazy("Endings and cover"),
    "endings": gettext_lazy("How their peer supports ended"),
    "ends_on": gettext_lazy("The last day"),
    "why": gettext_lazy("Why it ended"),
    "closing_conversation": gettext_lazy("Closing conversation"),
    "in_their_words": gettext_lazy("What they said, in their words"),
    "if_they_come_back": gettext_lazy("If they come back, who they would like to see"),
    "anything_else_if_they_come_back": gettext_lazy("Anything else they would like if they come back"),
    "cover_while_their_peer_supporter_was_away": gettext_lazy("Cover while their peer supporter was away"),
    "cover": gettext_lazy("Cover"),
    "for": gettext_lazy("Standing in for"),
    "told_on": gettext_lazy("Told on"),
    "told_by_way_of": gettext_lazy("Told by way of"),
    "what_they_were_told": gettext_lazy("What they were told"),
    "noted_in_supervision": gettext_lazy("Noted about them in their peer supporter's supervision"),
}


def _label(key: str) -> str:
    if key in LABELS:
        return str(LABELS[key])
    return key.replace("_", " ").capitalize()


@register.filter
def as_html(value) -> SafeString:
    if isinstance(value, dict):
        if set(value) == {"value", "label"}:
            return format_html("{}", value["label"])
        return format_html(
            "<dl>{}</dl>",
            format_html_join("", "<dt>{}</dt><dd>{}</dd>", ((_label(k), as_html(v)) for k, v in value.items())),
        )
    if isinstance(value, list):
        if not value:
            return mark_safe("—")  # noqa: S308 (a constant)
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((as_html(v),) for v in value)))
    if value is True:
        return format_html("{}", _("yes"))
    if value is False:
        return format_html("{}", _("no"))
    if value in (None, ""):
        return mark_safe("—")  # noqa: S308 (a constant)
    return format_html("{}", value)


@register.filter
def heading(key: str) -> str:
    return _label(key)
