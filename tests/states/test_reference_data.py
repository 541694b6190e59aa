import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from ctc.organisations.models import Organisation
from ctc.states.enums import Resolution
from ctc.states.models import MemberState
from ctc.states.selectors import non_reporting_states
from ctc.themes.models import ThematicArea
from tests.factories import StateReportFactory

pytestmark = pytest.mark.django_db

LANGS = ["en", "fr", "es", "ru", "zh_hans", "ar"]
SCRIPTS = {
    "ar": re.compile(r"[\u0600-\u06ff]"),
    "zh_hans": re.compile(r"[\u4e00-\u9fff]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
}


def test_reference_data_has_exactly_the_193_member_states():
    assert MemberState.objects.count() == 193
    assert MemberState.objects.values("iso3").distinct().count() == 193
    assert MemberState.objects.values("iso2").distinct().count() == 193
    assert MemberState.objects.values("name_en").distinct().count() == 193


def test_reference_data_excludes_observers_and_territories():
    not_members = ["VAT", "PSE", "TWN", "XKX", "HKG", "MAC", "PRI", "GRL", "ESH", "COK", "NIU"]
    assert not MemberState.objects.filter(iso3__in=not_members).exists()


def test_reference_data_names_in_six_languages_in_their_scripts():
    for state in MemberState.objects.all():
        for lang in LANGS:
            assert getattr(state, f"name_{lang}"), (state.iso3, lang)
        for lang, script in SCRIPTS.items():
            assert script.search(getattr(state, f"name_{lang}")), (state.iso3, lang)


def test_reference_data_uses_the_un_short_names():
    names = dict(MemberState.objects.values_list("iso3", "name_en"))
    assert names["TUR"] == "Türkiye"
    assert names["BOL"] == "Bolivia (Plurinational State of)"
    assert names["GBR"] == "United Kingdom of Great Britain and Northern Ireland"
    assert names["PRK"] == "Democratic People's Republic of Korea"
    assert MemberState.objects.get(iso3="CHN").name_zh_hans == "中国"


def test_reference_data_regional_groups_add_up():
    counts = {
        g: MemberState.objects.filter(regional_group=g).count()
        for g in ["AFRICAN", "EASTERN_EUROPEAN", "LATIN_AMERICAN_CARIBBEAN"]
    }
    assert counts == {"AFRICAN": 54, "EASTERN_EUROPEAN": 23, "LATIN_AMERICAN_CARIBBEAN": 33}


def test_reference_data_load_is_idempotent():
    before = MemberState.history.count()

    call_command("load_reference_data", stdout=StringIO())

    assert MemberState.objects.count() == 193
    assert MemberState.history.count() == before


def test_reference_data_change_is_recorded_in_history():
    state = MemberState.objects.get(iso3="FRA")
    state.name_en = "Changed"
    state.save()

    call_command("load_reference_data", stdout=StringIO())

    state.refresh_from_db()
    assert state.name_en == "France"
    assert [h.name_en for h in state.history.order_by("-history_id")[:2]] == ["France", "Changed"]


def test_reference_data_organisations_and_thematic_areas():
    partner_bodies = Organisation.objects.filter(kind="partner_body")
    assert set(partner_bodies.values_list("code", flat=True)) == {
        "1267-monitoring-team",
        "1540-experts",
        "ctitf",
        "unodc-tpb",
    }
    codes = set(ThematicArea.objects.values_list("code", flat=True))
    assert {
        "npo-financing",
        "cash-couriers",
        "police-prosecutors",
        "border-control",
        "subregional-cooperation",
        "incitement-1624",
        "integrated-strategies",
        "legislation",
        "human-rights",
    } <= codes
    for area in ThematicArea.objects.all():
        for lang in LANGS:
            assert getattr(area, f"name_{lang}"), (area.code, lang)


def test_non_reporting_on_1624_is_one_query(django_assert_num_queries):
    kenya = MemberState.objects.get(iso3="KEN")
    StateReportFactory(state=kenya, resolution=Resolution.R1624)

    with django_assert_num_queries(1):
        non_reporting = list(non_reporting_states(resolution=Resolution.R1624))

    assert len(non_reporting) == 192
    assert kenya not in non_reporting


def test_data_file_names_its_sources():
    from ctc.states.services import DATA_DIR

    sources = json.loads((DATA_DIR / "member_states.json").read_text())["sources"]
    assert "un.org" in sources["names"]
