"""The facts for many supporters at once, and the rule over them: sign-offs, shadowing, expiry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from competence import services
from competence.choices import Work
from competence.models import CompetenceSettings, Level, SignOff
from conftest import make_member, make_supporter
from organisations.models import Role

ALONE = Work.ONE_TO_ONE_ALONE


def independent(org) -> Level:
    return Level.objects.get(organisation=org, code="independent_one_to_one")


def give(supporter, level, by, *, recognised=False):
    return services.change_level(supporter, level, by=by, reason="Ready.", recognised=recognised)


def meet_everything(supporter, level, by, *, signed_on=None):
    for competence in level.competences.all():
        services.sign_off(
            supporter, competence, by=by, evidence="role_play", signed_on=signed_on or timezone.localdate()
        )
    others = [m for m in (by,) if m.pk != supporter.membership_id]
    for _ in range(level.shadowing_needed):
        services.record_shadowing(
            supporter, other=others[0], they_shadowed=True, by=by, happened_on=timezone.localdate(), work="group"
        )
    for _ in range(level.shadowed_needed):
        services.record_shadowing(
            supporter, other=others[0], they_shadowed=False, by=by, happened_on=timezone.localdate(), work="group"
        )


def new_supporter(cast, name):
    return make_supporter(make_member(cast.riverside, name, Role.PEER_SUPPORTER), supervisor=cast.sina)


def test_a_new_organisation_starts_with_the_framework_and_levels(in_riverside):
    codes = list(Level.objects.filter(organisation=in_riverside.riverside).values_list("code", flat=True))
    assert codes == [
        "other_roles", "observing", "co_facilitating", "supervised_one_to_one", "independent_one_to_one", "mentor",
    ]  # fmt: skip
    assert not CompetenceSettings.objects.exists()
    assert services.settings_for(in_riverside.riverside.pk).sign_offs_expire is False  # off by default


def test_a_level_alone_is_not_enough_until_signed_off_and_shadowed_both_ways(in_riverside):
    cast = in_riverside
    noor = new_supporter(cast, "noor")
    level = independent(cast.riverside)
    give(noor, level, cast.sina)
    verdict = services.verdicts(noor)[ALONE]
    assert not verdict.allowed
    assert len(verdict.missing) == level.competences.count() + 2
    meet_everything(noor, level, cast.sina)
    assert services.verdicts(noor)[ALONE].allowed
    assert noor.pk in services.allowed_ids([noor], ALONE)


def test_the_facts_of_many_supporters_cost_the_same_few_queries_as_of_one(in_riverside):
    cast = in_riverside
    level = independent(cast.riverside)

    def asked(supporters):
        with CaptureQueriesContext(connection) as captured:
            services.facts_for(supporters)
        return len(captured.captured_queries)

    first = new_supporter(cast, "one")
    give(first, level, cast.sina)
    meet_everything(first, level, cast.sina)
    one = asked([first])
    many = []
    for i in range(6):
        s = new_supporter(cast, f"many{i}")
        give(s, level, cast.sina)
        meet_everything(s, level, cast.sina)
        many.append(s)
    assert asked([first, *many]) == one <= 7  # the level, its needs, sign-offs, shadowing both ways, modules
    # Those who hold no level, or a recognised one, cost one query: nothing else needs reading.
    assert asked([cast.pat_profile, cast.quinn_profile]) == 1


def test_with_expiry_turned_on_an_old_sign_off_no_longer_counts(in_riverside):
    cast = in_riverside
    noor = new_supporter(cast, "noor")
    level = independent(cast.riverside)
    give(noor, level, cast.sina)
    meet_everything(noor, level, cast.sina, signed_on=timezone.localdate() - timedelta(days=800))
    assert services.verdicts(noor)[ALONE].allowed  # expiry is off: a sign-off holds
    services.save_settings(cast.riverside, by=cast.cleo, fields={"sign_offs_expire": True, "valid_for_months": 24})
    verdict = services.verdicts(noor)[ALONE]
    assert not verdict.allowed and all("Not yet signed off" in words for words in verdict.missing)
    assert len(services.due_for_refresh(noor)) == level.competences.count()


def test_raising_and_lowering_keeps_the_history_with_the_reasons(in_riverside):
    cast = in_riverside
    noor = new_supporter(cast, "noor")
    give(noor, Level.objects.get(organisation=cast.riverside, code="observing"), cast.sina)
    give(noor, Level.objects.get(organisation=cast.riverside, code="co_facilitating"), cast.sina)
    services.change_level(noor, None, by=cast.cleo, reason="Taking a step back for now.")
    changes = list(noor.level_changes.order_by("pk"))
    assert [(c.from_level and c.from_level.code, c.to_level and c.to_level.code) for c in changes] == [
        (None, "observing"), ("observing", "co_facilitating"), ("co_facilitating", None),
    ]  # fmt: skip
    assert changes[-1].reason == "Taking a step back for now." and changes[-1].changed_by == cast.cleo


@pytest.mark.parametrize("who", ["pat", "quinn", "sol", "stef", "eve"])
def test_only_their_supervisor_or_a_coordinator_signs_off_or_changes_a_level(in_riverside, who):
    cast = in_riverside
    noor = new_supporter(cast, "noor")  # supervised by sina
    competence = independent(cast.riverside).competences.first()
    with pytest.raises(services.CompetenceError):
        services.sign_off(noor, competence, by=cast.members[who], evidence="other", signed_on=timezone.localdate())
    with pytest.raises(services.CompetenceError):
        give(noor, independent(cast.riverside), cast.members[who])
    with pytest.raises(services.CompetenceError):
        services.record_shadowing(
            noor, other=cast.pat, they_shadowed=True, by=cast.members[who], happened_on=timezone.localdate(),
            work="group",
        )  # fmt: skip
    assert not SignOff.objects.filter(supporter=noor).exists() and not noor.level_changes.exists()
    for allowed in ("sina", "cleo", "ada"):
        services.sign_off(noor, competence, by=cast.members[allowed], evidence="other", signed_on=timezone.localdate())


def test_a_supporter_cannot_sign_off_themselves(in_riverside):
    cast = in_riverside
    with pytest.raises(services.CompetenceError):
        services.sign_off(
            cast.pat_profile, independent(cast.riverside).competences.first(), by=cast.pat, evidence="other",
            signed_on=timezone.localdate(),
        )  # fmt: skip


def test_another_organisations_level_or_competence_is_refused(cast):
    from organisations.tenancy import all_organisations

    with all_organisations():
        theirs = Level.objects.get(organisation=cast.harbour, code="mentor")
        their_competence = theirs.competences.first()
        with pytest.raises(services.CompetenceError):
            give(cast.pat_profile, theirs, cast.cleo)
        with pytest.raises(services.CompetenceError):
            services.sign_off(
                cast.pat_profile, their_competence, by=cast.cleo, evidence="other", signed_on=timezone.localdate()
            )
