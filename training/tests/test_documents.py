"""The role description, code of conduct and safety protocols are documents in versions; each
supporter reads and agrees to the version in force on their own page; a new version asks again."""

from __future__ import annotations

from audit.models import Action, AuditEvent
from organisations.tenancy import organisation_scope
from training import services
from training.models import DocumentAgreement
from training.text import as_html

from .helpers import signed_in


def _publish(cast, text="# Boundaries\nWe meet in safe places.\n- No social media"):
    with organisation_scope(cast.riverside):
        return services.publish_version(by=cast.cleo, kind="code_of_conduct", text=text)


def test_a_supporter_agrees_on_their_own_page_and_a_new_version_asks_again(cast):
    first = _publish(cast)
    pat, url = signed_in(cast, "pat"), f"/supporters/{cast.pat_profile.pk}/training/"
    body = pat.get(url).content.decode()
    assert "I have read it and agree" in body and "<h3>Boundaries</h3>" in body and "<li>No social media</li>" in body
    assert "1 document is waiting for you to read and agree." in pat.get("/").content.decode()
    assert pat.post(url, {"action": "agree", "version": first.pk}).status_code == 302
    assert "I have read it and agree" not in pat.get(url).content.decode()
    second = _publish(cast, "Version two.")
    assert "I have read it and agree" in pat.get(url).content.decode()
    # The old version cannot be agreed instead of the new one.
    pat.post(url, {"action": "agree", "version": first.pk})
    with organisation_scope(cast.riverside):
        assert list(DocumentAgreement.objects.values_list("version_id", flat=True)) == [first.pk]
        assert services.documents_to_agree(cast.pat_profile) == [second]
        assert services.how_many_to_agree(cast.pat_profile) == 1
        with organisation_scope(cast.riverside):
            services.publish_version(by=cast.cleo, kind="safety_protocols", text="Check in and out.")
        assert services.how_many_to_agree(cast.pat_profile) == 2
        assert services.how_many_to_agree(cast.quinn_profile) == 2
    assert second.number == 2


def test_nobody_agrees_for_someone_else(cast):
    version = _publish(cast)
    url = f"/supporters/{cast.pat_profile.pk}/training/"
    for name in ("sina", "cleo", "ada"):
        before = AuditEvent.objects.filter(actor=cast.user(name), action=Action.DENIED).count()
        assert signed_in(cast, name).post(url, {"action": "agree", "version": version.pk}).status_code == 404, name
        assert AuditEvent.objects.filter(actor=cast.user(name), action=Action.DENIED).count() == before + 1
    assert "I have read it and agree" not in signed_in(cast, "sina").get(url).content.decode()
    # Quinn, another supporter, does not reach Pat's page at all.
    assert signed_in(cast, "quinn").post(url, {"action": "agree", "version": version.pk}).status_code == 404
    with organisation_scope(cast.riverside):
        assert not DocumentAgreement.objects.exists()


def test_another_organisations_version_cannot_be_agreed(cast):
    with organisation_scope(cast.harbour):
        theirs = services.publish_version(by=cast.hugo, kind="code_of_conduct", text="Harbour's.")
    url = f"/supporters/{cast.pat_profile.pk}/training/"
    assert signed_in(cast, "pat").post(url, {"action": "agree", "version": theirs.pk}).status_code == 404
    assert signed_in(cast, "pat").post(url, {"action": "agree", "version": "x"}).status_code == 404


def test_the_text_is_escaped_never_html():
    html = as_html('<script>alert(1)</script>\n# <b>Heading</b>\n- <img src=x onerror=alert(1)>\n"quoted" & more')
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "<h3>&lt;b&gt;Heading&lt;/b&gt;</h3>" in html and "&amp; more" in html


def test_a_coordinator_publishes_and_sees_how_many_agreed(cast):
    cleo = signed_in(cast, "cleo")
    response = cleo.post("/training/documents/", {"kind": "role_description", "text": ""})
    assert response.status_code == 200 and "need another look" in response.content.decode()
    assert (
        cleo.post("/training/documents/", {"kind": "role_description", "text": "<i>You</i> listen."}).status_code == 302
    )
    body = cleo.get("/training/documents/").content.decode()
    assert "&lt;i&gt;You&lt;/i&gt; listen." in body and "agreed by 0 people" in body
