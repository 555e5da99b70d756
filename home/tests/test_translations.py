"""English and French ship complete: a whole catalogue, compiled, and pages that really change language."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES"
PO_PATH = LOCALE_DIR / "django.po"
MO_PATH = LOCALE_DIR / "django.mo"
TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"

# %(name)s, %(n)d, and bare %s/%d (a literal percent sign is written %%).
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]")


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def _live(catalogue: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in catalogue if not entry.obsolete]


def test_the_french_catalogue_is_complete_with_nothing_fuzzy(catalogue):
    assert len(_live(catalogue)) > 100
    assert catalogue.metadata.get("Language") == "fr"
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [], f"untranslated: {untranslated}"
    assert fuzzy == [], f"fuzzy: {fuzzy}"
    assert not catalogue.metadata_is_fuzzy


def test_every_placeholder_survives_translation(catalogue):
    wrong = []
    for entry in _live(catalogue):
        if entry.msgid_plural:
            allowed = set(_placeholders(entry.msgid)) | set(_placeholders(entry.msgid_plural))
            forms = [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
            # Every form may only use known names; the last (plural) form keeps all of the plural's.
            if any(not set(_placeholders(form)) <= allowed for form in forms) or not set(
                _placeholders(entry.msgid_plural)
            ) <= set(_placeholders(forms[-1])):
                wrong.append(entry.msgid)
        elif _placeholders(entry.msgid) != _placeholders(entry.msgstr):
            wrong.append(entry.msgid)
    assert wrong == [], f"placeholders differ in: {wrong}"


def test_the_catalogue_passes_msgfmt_checks(tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed")
    result = subprocess.run(  # noqa: S603 (our own catalogue, a fixed command)
        [msgfmt, "--check", "-o", str(tmp_path / "django.mo"), str(PO_PATH)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def _messages(entries) -> dict[tuple[str | None, str], object]:
    table = {}
    for entry in entries:
        if entry.obsolete or not entry.msgid or "fuzzy" in entry.flags:
            continue
        value = tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr
        table[(entry.msgctxt, entry.msgid)] = value
    return table


def test_the_committed_mo_file_is_compiled_from_the_po_file(catalogue):
    assert MO_PATH.exists(), "run manage.py compilemessages"
    compiled = _messages(polib.mofile(str(MO_PATH)))
    source = _messages(catalogue)
    assert compiled.keys() == source.keys(), (
        f"not compiled: {sorted(source.keys() - compiled.keys())[:5]}; "
        f"no longer in the .po: {sorted(compiled.keys() - source.keys())[:5]}"
    )
    stale = [key for key in source if source[key] != compiled[key]]
    assert stale == [], f"run manage.py compilemessages; stale: {stale[:5]}"


TRANS = re.compile(r"""{%\s*trans(?:late)?\s+(["'])(.+?)\1(?:\s+[^%]*)?%}""")
BLOCKTRANS = re.compile(r"{%\s*blocktrans(?:late)?(?P<args>[^%]*)%}(?P<body>.*?){%\s*endblocktrans(?:late)?\s*%}", re.S)


def _template_messages() -> set[str]:
    found = set()
    for path in TEMPLATES_DIR.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for match in TRANS.finditer(text):
            if "context" not in match.group(0).split(match.group(2))[-1]:
                found.add(match.group(2))
        for match in BLOCKTRANS.finditer(text):
            args, body = match.group("args"), match.group("body")
            if any(word in args.split() for word in ("count", "context", "trimmed")) or "{% plural" in body:
                continue  # left to makemessages
            found.add(re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", body.replace("%", "%%")))
    return found


def test_every_string_marked_in_a_template_is_in_the_catalogue(catalogue):
    """A cheap guard against forgetting makemessages after adding a {% trans %} to a template."""
    known = {entry.msgid for entry in _live(catalogue)}
    missing = sorted(_template_messages() - known)
    assert missing == [], f"run makemessages -l fr and translate: {missing}"


# Every page a role opens most, with English that must be gone and French that must be there.
PAGES = [
    (
        "cleo",
        "/",
        ["Peers with no consent recorded", "Peers nobody is working with yet", "Welcome,"],
        ["Personnes accompagnées sans consentement enregistré", "Bienvenue"],
    ),
    (
        "cleo",
        "/peers/",
        ["Add a peer", "Find by name", "Not recorded", "Nobody yet"],
        ["Ajouter une personne accompagnée", "Chercher par nom"],
    ),
    (
        "cleo",
        "/peers/{amara}/",
        ["Safe ways to get in touch", "About them", "Who works with them", "Needs and preferences"],
        ["Moyens sûrs de prendre contact", "À propos de la personne", "Besoins et préférences"],
    ),
    (
        "cleo",
        "/peers/new/",
        ["Add a peer", "Staying safe and in touch", "What they would like support with", "Chosen name"],
        ["Ajouter une personne accompagnée", "Sécurité et prise de contact", "Nom choisi"],
    ),
    (
        "cleo",
        "/peers/{amara}/consent/",
        ["The limits of confidentiality", "Save consent", "They agree to"],
        ["Les limites de la confidentialité", "Enregistrer le consentement", "Participer à la pair-aidance"],
    ),
    (
        "cleo",
        "/supporters/",
        ["Peer supporters", "Paid or volunteer", "Supervisor"],
        ["Pairs-aidants", "Salarié·e ou bénévole"],
    ),
    (
        "ada",
        "/audit/",
        ["Audit log", "Kind of record", "Entries cannot be changed or deleted"],
        ["Journal d'audit", "Type de dossier"],
    ),
    (
        "ada",
        "/team/",
        ["Invite someone", "Send invitation", "Their email address"],
        ["Inviter quelqu'un", "Envoyer l'invitation"],
    ),
    (
        "ada",
        "/organisation/",
        ["Organisation settings", "Consent texts", "Add partner"],
        ["Textes de consentement", "Ajouter un partenaire"],
    ),
    (
        "eve",
        "/figures/",
        ["Areas of support", "Main need", "Only people who agreed to be counted"],
        ["Domaines de soutien", "Besoin principal"],
    ),
]
# The layout every signed-in page shares.
LAYOUT_ENGLISH = ["Leave quickly", "Skip to main content", "Sign out", "Change language", "Still there?"]
LAYOUT_FRENCH = ["Quitter rapidement", "Aller au contenu principal", "Se déconnecter", "Changer de langue"]


@pytest.mark.parametrize(("who", "url", "english", "french"), PAGES, ids=[f"{p[0]} {p[1]}" for p in PAGES])
def test_the_main_pages_speak_french_to_someone_who_chose_it(cast, client_for, catalogue, who, url, english, french):
    client = client_for(who)
    client.post("/language/", {"language": "fr", "next": "/"})
    response = client.get(url.format(amara=cast.amara.pk))
    assert response.status_code == 200
    assert response["Content-Language"] == "fr"
    body = html.unescape(response.content.decode())
    assert '<html lang="fr">' in body
    for phrase in LAYOUT_ENGLISH + english:
        assert phrase not in body, f"{phrase!r} is still in English on {url}"
    for phrase in LAYOUT_FRENCH + french:
        assert phrase in body, f"{phrase!r} is missing from {url}"
    # And no longer sentence from the catalogue is left in English.
    for entry in _live(catalogue):
        if entry.msgid != entry.msgstr and len(entry.msgid.split()) >= 4 and "%" not in entry.msgid:
            assert entry.msgid not in body, f"{entry.msgid!r} is still in English on {url}"


def test_the_language_choice_names_each_language_in_itself(cast, client_for):
    client = client_for("pat")
    client.post("/language/", {"language": "fr", "next": "/"})
    body = client.get("/").content.decode()
    assert ">English</option>" in body and ">Français</option>" in body  # a way back for someone lost
    client.post("/language/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert "Leave quickly" in body and "Quitter rapidement" not in body


def test_the_sign_in_page_follows_the_language_cookie(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    body = html.unescape(client.get("/accounts/login/").content.decode())
    assert "Quitter rapidement" in body and "Se connecter" in body
    assert "Leave quickly" not in body and "Forgotten your password?" not in body
