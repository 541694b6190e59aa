"""The UN M49 region and subregion of each member state: the reference data, how it stays
consistent, and where it shows (admin, state profile, API)."""

import importlib
import json
import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Count

from ctc.accounts.enums import Role
from ctc.organisations.enums import GrantScope
from ctc.states.models import MemberState, Region, Subregion
from ctc.states.services import DATA_DIR, states_load
from tests.factories import MemberStateFactory
from tests.organisations.grants import grant_make

pytestmark = pytest.mark.django_db

SCRIPTS = {
    "ar": re.compile(r"^[\u0600-\u06ff ]+$"),
    "zh_hans": re.compile(r"^[\u4e00-\u9fff]+$"),
    "ru": re.compile(r"^[\u0400-\u04ff -]+$"),
}


def test_every_member_state_has_a_subregion_of_its_region():
    states = MemberState.objects.select_related("region", "subregion")

    assert states.count() == 193
    for state in states:
        assert state.region is not None, state.iso3
        assert state.subregion is not None, state.iso3
        assert state.subregion.region_id == state.region_id, state.iso3


@pytest.mark.parametrize(
    "iso3,subregion,region",
    [
        ("KEN", "Eastern Africa", "Africa"),
        ("MAR", "Northern Africa", "Africa"),
        ("PAK", "Southern Asia", "Asia"),
        ("PER", "South America", "Americas"),
        ("FRA", "Western Europe", "Europe"),
        ("FJI", "Melanesia", "Oceania"),
        ("KAZ", "Central Asia", "Asia"),
        ("TUR", "Western Asia", "Asia"),
        ("CYP", "Western Asia", "Asia"),
        ("SDN", "Northern Africa", "Africa"),
        ("MEX", "Central America", "Americas"),
        ("HTI", "Caribbean", "Americas"),
        ("USA", "Northern America", "Americas"),
        ("ZAF", "Southern Africa", "Africa"),
        ("COD", "Middle Africa", "Africa"),
        ("NGA", "Western Africa", "Africa"),
        ("RUS", "Eastern Europe", "Europe"),
        ("NZL", "Australia and New Zealand", "Oceania"),
        ("KIR", "Micronesia", "Oceania"),
        ("TUV", "Polynesia", "Oceania"),
    ],
)
def test_member_state_is_in_its_m49_subregion(iso3, subregion, region):
    state = MemberState.objects.get(iso3=iso3)

    assert (state.subregion.name_en, state.region.name_en) == (subregion, region)


def test_regions_count_the_un_members_of_each_continent():
    counts = dict(Region.objects.annotate(n=Count("states")).values_list("code", "n"))

    assert counts == {"002": 54, "019": 35, "142": 47, "150": 43, "009": 14}


def test_subregions_are_the_m49_level_with_intermediate_regions_in_africa_and_latin_america():
    by_region = {
        region.name_en: [s.name_en for s in region.subregions.all()]
        for region in Region.objects.prefetch_related("subregions")
    }

    assert by_region == {
        "Africa": [
            "Northern Africa",
            "Eastern Africa",
            "Middle Africa",
            "Southern Africa",
            "Western Africa",
        ],
        "Americas": ["Caribbean", "Central America", "South America", "Northern America"],
        "Asia": [
            "Central Asia",
            "Eastern Asia",
            "South-eastern Asia",
            "Southern Asia",
            "Western Asia",
        ],
        "Europe": ["Eastern Europe", "Northern Europe", "Southern Europe", "Western Europe"],
        "Oceania": ["Australia and New Zealand", "Melanesia", "Micronesia", "Polynesia"],
    }
    assert not Subregion.objects.filter(code__in=["202", "419"]).exists()


def test_region_names_are_in_six_languages_in_their_scripts():
    for place in [*Region.objects.all(), *Subregion.objects.all()]:
        for lang in ["en", "fr", "es", "ru", "zh_hans", "ar"]:
            assert getattr(place, f"name_{lang}"), (place.code, lang)
        for lang, script in SCRIPTS.items():
            assert script.match(getattr(place, f"name_{lang}")), (place.code, lang)


def test_southern_africa_is_not_named_like_the_state_south_africa():
    south_africa = MemberState.objects.get(iso3="ZAF")

    for lang in ["en", "fr", "es", "ru", "zh_hans", "ar"]:
        assert getattr(south_africa.subregion, f"name_{lang}") != getattr(
            south_africa, f"name_{lang}"
        ), lang


def test_regions_data_file_places_each_member_state_once_and_names_its_source():
    data = json.loads((DATA_DIR / "m49_regions.json").read_text(encoding="utf-8"))
    placed = [
        iso3
        for region in data["regions"]
        for subregion in region["subregions"]
        for iso3 in subregion["states"]
    ]

    assert len(placed) == 193
    assert set(placed) == set(MemberState.objects.values_list("iso3", flat=True))
    assert "unstats.un.org/unsd/methodology/m49" in data["sources"]["hierarchy"]


def test_changing_the_subregion_moves_the_region():
    state = MemberState.objects.get(iso3="KAZ")

    state.subregion = Subregion.objects.get(code="151")
    state.save()

    state.refresh_from_db()
    assert (state.subregion.name_en, state.region.name_en) == ("Eastern Europe", "Europe")


def test_factory_state_gets_a_subregion_and_its_region():
    state = MemberStateFactory()

    assert (state.subregion.code, state.region.code) == ("014", "002")


def test_reference_data_load_puts_a_moved_state_back_and_records_it():
    state = MemberState.objects.get(iso3="PER")
    state.subregion = Subregion.objects.get(code="155")
    state.save()

    call_command("load_reference_data", stdout=StringIO())

    state.refresh_from_db()
    assert (state.subregion.code, state.region.code) == ("005", "019")
    latest = state.history.order_by("-history_id")[:2]
    assert [(h.subregion_id, h.region_id) for h in latest] == [
        (state.subregion_id, state.region_id),
        (Subregion.objects.get(code="155").pk, Region.objects.get(code="150").pk),
    ]


def test_reference_data_load_mends_a_region_that_disagrees_with_the_subregion():
    MemberState.objects.filter(iso3="PAK").update(region=Region.objects.get(code="150"))

    call_command("load_reference_data", stdout=StringIO())

    assert MemberState.objects.get(iso3="PAK").region.code == "142"


def test_reference_data_load_of_regions_changes_no_state_when_nothing_changed():
    before = MemberState.history.count()

    out = StringIO()
    call_command("load_reference_data", stdout=out)

    assert "M49 regions: 22" in out.getvalue()
    assert MemberState.history.count() == before


def test_states_load_refuses_a_regions_file_missing_a_state(tmp_path):
    data = json.loads((DATA_DIR / "m49_regions.json").read_text(encoding="utf-8"))
    data["regions"][0]["subregions"][1]["states"].remove("KEN")
    path = tmp_path / "m49_regions.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    kenya = MemberState.objects.get(iso3="KEN")
    kenya.subregion = Subregion.objects.get(code="015")
    kenya.save()

    with pytest.raises(ValueError, match=r"no subregion for \['KEN'\]"):
        states_load(regions_path=path)

    kenya.refresh_from_db()
    assert kenya.subregion.code == "015"


def test_migration_fills_the_regions_of_existing_states():
    migration = importlib.import_module("ctc.states.migrations.0003_m49_regions")
    MemberState.objects.filter(iso3__in=["FJI", "TUR"]).update(
        subregion=Subregion.objects.get(code="155"), region=Region.objects.get(code="150")
    )
    Subregion.objects.filter(code="054").update(name_fr="Changed", position=99)

    migration.fill_regions(apps, None)

    moved = MemberState.objects.filter(iso3__in=["FJI", "TUR"]).order_by("iso3")
    assert [(s.iso3, s.subregion.code, s.region.code) for s in moved] == [
        ("FJI", "054", "009"),
        ("TUR", "145", "142"),
    ]
    melanesia = Subregion.objects.get(code="054")
    assert (melanesia.name_fr, melanesia.position) == ("Mélanésie", 20)


def test_state_api_gives_region_and_subregion_in_the_request_language(client):
    response = client.get("/api/v1/states/", {"q": "KEN"}, headers={"accept-language": "ru"})

    kenya = response.json()["results"][0]
    assert {
        k: kenya[k] for k in ["region", "region_display", "subregion", "subregion_display"]
    } == {
        "region": "002",
        "region_display": "Африка",
        "subregion": "014",
        "subregion_display": "Восточная Африка",
    }


def test_state_api_detail_gives_region_and_subregion(client):
    body = client.get("/api/v1/states/PER/").json()

    assert (body["region"], body["region_display"]) == ("019", "Americas")
    assert (body["subregion"], body["subregion_display"]) == ("005", "South America")


def test_state_profile_shows_region_and_subregion_in_the_readers_language(client, personas):
    partner = personas[Role.PARTNER_ANALYST]
    grant_make(partner.organisation, GrantScope.STATE_PROFILES)
    client.force_login(partner)

    html = client.get("/fr/secure/partner/states/MAR/").content.decode()

    assert "<dd>Afrique</dd>" in html
    assert "<dd>Afrique septentrionale</dd>" in html


def test_staff_state_profile_shows_region_and_subregion(client, personas):
    client.force_login(personas[Role.CTED_EXPERT])

    html = client.get("/en/secure/partner/states/FJI/").content.decode()

    assert "<dt>Region (UN M49)</dt><dd>Oceania</dd>" in html
    assert "<dt>Subregion (UN M49)</dt><dd>Melanesia</dd>" in html


@pytest.fixture
def administrator(client, personas):
    client.force_login(personas[Role.ADMINISTRATOR])
    return personas[Role.ADMINISTRATOR]


def test_admin_lists_and_filters_states_by_region_and_subregion(client, administrator):
    melanesia = Subregion.objects.get(code="054")

    html = client.get("/en/admin/states/memberstate/", {"subregion__id__exact": melanesia.pk})

    listed = re.findall(
        r'<th class="field-name"><a href="[^"]+">([^<]+)</a>', html.content.decode()
    )
    assert listed == ["Fiji", "Papua New Guinea", "Solomon Islands", "Vanuatu"]
    assert '<td class="field-region nowrap">Oceania</td>' in html.content.decode()


def test_admin_shows_the_region_read_only_and_the_subregion_to_choose(client, administrator):
    kenya = MemberState.objects.get(iso3="KEN")
    url = f"/en/admin/states/memberstate/{kenya.pk}/change/"

    html = client.get(url).content.decode()

    assert 'name="subregion"' in html
    assert 'name="region"' not in html
    assert re.search(
        r'<div class="readonly"><a href="/en/admin/states/region/\d+/change/">Africa</a>', html
    )
