"""A new assessment's letter to the State starts from the standard letter in the State's
language of correspondence (assessments/data/letter_templates.json), with its name."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from assessments import services
from assessments.constants import DATA_DIR
from assessments.models import Assessment
from ctc.accounts.enums import Role
from ctc.states.models import MemberState

pytestmark = pytest.mark.django_db

TEMPLATES = json.loads((DATA_DIR / "letter_templates.json").read_text(encoding="utf-8"))
LANGUAGES = ["en", "fr", "es", "ru", "zh-hans", "ar"]


def _create(iso3, pia_format, personas):
    return services.assessment_create(
        state=MemberState.objects.get(iso3=iso3),
        fmt=pia_format,
        cycle=2012,
        by=personas[Role.CTED_COORDINATOR],
    )


def test_every_language_of_correspondence_has_a_whole_letter():
    assert sorted(key for key in TEMPLATES if not key.startswith("_")) == sorted(LANGUAGES)
    for language in LANGUAGES:
        template = TEMPLATES[language]
        assert all(template[part] for part in ("salutation", "closing", "signature", "body"))
        assert any("{state}" in line for line in template["addressee"])
        # The other five are really translated, not English left in place.
        if language != "en":
            assert template["closing"] != TEMPLATES["en"]["closing"]
            assert template["body"][0] != TEMPLATES["en"]["body"][0]


def test_morocco_starts_with_the_arabic_letter_with_its_arabic_name(pia_format, personas):
    assessment = _create("MAR", pia_format, personas)

    letter = assessment.letter
    assert letter.startswith("<p>الممثل الدائم لدى الأمم المتحدة<br>المغرب<br>نيويورك</p>")
    assert "<p>صاحب السعادة،</p>" in letter
    assert "<p>وتفضلوا، صاحب السعادة، بقبول فائق الاحترام.</p>" in letter
    assert "لجنة مجلس الأمن المنشأة عملا بالقرار 1373 (2001) بشأن مكافحة الإرهاب" in letter
    assert "Excellency" not in letter and "Morocco" not in letter
    # It is part of version 1: the letter is there from the start, like the findings.
    assert assessment.versions.get().summary == "Created"
    assert assessment.letter_revision == 0


def test_france_starts_with_the_french_letter(pia_format, personas):
    assessment = _create("FRA", pia_format, personas)

    letter = assessment.letter
    assert "<p>Excellence,</p>" in letter
    assert "<br>France<br>" in letter
    assert (
        "<p>Veuillez agréer, Excellence, les assurances de ma très haute considération.</p>"
        in letter
    )
    assert letter.endswith(
        "<p>Le Président<br>Comité du Conseil de sécurité créé par la résolution 1373 (2001)"
        " concernant la lutte antiterroriste</p>"
    )


def test_kenya_starts_with_the_english_letter(pia_format, personas):
    assessment = _create("KEN", pia_format, personas)

    letter = assessment.letter
    assert letter.startswith(
        "<p>Permanent Representative of Kenya to the United Nations<br>New York</p>"
    )
    assert "<p>Excellency,</p>" in letter
    assert "<p>Please accept, Excellency, the assurances of my highest consideration.</p>" in letter
    assert letter.endswith(
        "<p>Chair<br>Security Council Committee established pursuant to resolution 1373 (2001)"
        " concerning counter-terrorism</p>"
    )


@pytest.mark.parametrize(
    ("iso3", "name"), [("CHN", "中国"), ("RUS", "Российская Федерация"), ("ESP", "España")]
)
def test_chinese_russian_and_spanish_letters_name_the_state_in_their_language(
    pia_format, personas, iso3, name
):
    state = MemberState.objects.get(iso3=iso3)
    template = TEMPLATES[state.official_language]

    letter = _create(iso3, pia_format, personas).letter

    assert name in letter
    assert f"<p>{template['salutation']}</p>" in letter
    assert f"<p>{template['closing']}</p>" in letter


def test_demo_letters_are_in_each_states_language(settings):
    settings.DEMO_PASSWORD = "demo-pass-2012"
    call_command("seed_demo", stdout=StringIO())

    morocco = Assessment.objects.get(state__iso3="MAR", cycle=2012)
    france = Assessment.objects.get(state__iso3="FRA", cycle=2012)
    kenya = Assessment.objects.get(state__iso3="KEN", cycle=2012)
    assert "<p>صاحب السعادة،</p>" in morocco.letter
    assert "Excellency" not in morocco.letter
    assert "<p>Excellence,</p>" in france.letter
    assert "<p>Excellency,</p>" in kenya.letter
    # What Morocco was sent is the Arabic letter too.
    assert "<p>صاحب السعادة،</p>" in morocco.snapshot.content["letter"]
