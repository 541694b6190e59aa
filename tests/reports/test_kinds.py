"""Every kind of report in every language, on one small data set: the page in each of the six
languages, and the PDFs in Chinese and Arabic read back with poppler's pdftotext/pdffonts."""

import subprocess

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from ctc.states.models import MemberState
from reports import services
from reports.kinds import REPORT_KINDS, ReportUnavailable
from reports.periods import Period

from .conftest import COVER, LETTER

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
KINDS = sorted(REPORT_KINDS)


def _request(kind, language, **extra):
    if REPORT_KINDS[kind].needs_state:
        extra.setdefault("state", "KEN")
    if REPORT_KINDS[kind].needs_period:
        extra.setdefault("period", "2012H1")
    return services.report_request_make(kind=kind, language=language, **extra)


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def _fonts(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdffonts", str(path)], capture_output=True, check=True, text=True
    ).stdout


def test_report_kinds_are_the_five_of_the_issue():
    assert KINDS == [
        "global_survey",
        "interim_review",
        "semi_annual",
        "state_assessment",
        "visit_report",
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_lays_out_in_each_of_the_six_languages(kind, sent_assessment, transmitted_visit):
    for language in LANGUAGES:
        request = _request(kind, language)
        built = services.report_build(request)

        html = services.report_html(request, built)

        direction = "rtl" if language == "ar" else "ltr"
        assert f'<html lang="{language}" dir="{direction}">' in html
        assert f'<div class="symbol running-symbol">{built.symbol}</div>' in html


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_prints_chinese_with_a_cjk_font_and_arabic(
    kind, sent_assessment, transmitted_visit, kenya, tmp_path
):
    chinese = services.report_render(_request(kind, "zh-hans"))
    arabic = services.report_render(_request(kind, "ar"))

    fonts = _fonts(chinese, tmp_path)
    assert "Noto-Sans-CJK-SC" in fonts
    # "Restricted" in each language, from the classification in the header.
    assert "限制分发" in _text(chinese, tmp_path)
    assert "محدود التوزيع" in _text(arabic, tmp_path)
    assert chinese.startswith(b"%PDF-") and arabic.startswith(b"%PDF-")


def test_semi_annual_report_names_the_non_reporting_states_in_the_language(kenya, tmp_path):
    chinese = services.report_render(_request("semi_annual", "zh-hans"))
    arabic = services.report_render(_request("semi_annual", "ar"))

    assert kenya.name_zh_hans in _text(chinese, tmp_path)
    assert kenya.name_ar in _text(arabic, tmp_path)


def _region_table(html: str, region: str) -> str:
    """The Member States table of one region in the survey's HTML."""
    states = html[html.index('<section id="states"') :]
    start = states.index(f"<h3>{region}</h3>")
    end = states.find("<h3>", start + 1)
    return states[start : end if end != -1 else None]


def test_the_survey_lists_each_state_under_its_region_with_what_it_reported(kenya):
    import datetime

    from ctc.states.models import StateReport

    france = MemberState.objects.select_related("region").get(iso3="FRA")
    received = datetime.date(2011, 5, 2)
    StateReport.objects.create(
        state=kenya, resolution="1373", received_on=received, document_symbol="S/2011/1"
    )
    for resolution in ("1373", "1624"):
        StateReport.objects.create(
            state=france, resolution=resolution, received_on=received, document_symbol="S/2011/2"
        )
    request = _request("global_survey", "en")

    html = services.report_html(request, services.report_build(request))

    africa = _region_table(html, kenya.region.name)
    europe = _region_table(html, france.region.name)
    assert '<th scope="row">Kenya</th><td>1373</td>' in africa
    assert '<th scope="row">France</th><td>1373 and 1624</td>' in europe
    assert '<th scope="row">Germany</th><td>Never</td>' in europe
    assert "France" not in africa and "Kenya" not in europe
    states = html[html.index('<section id="states"') :]
    assert states.count('<tr><th scope="row">') == MemberState.objects.count() == 193


def test_committee_copy_of_an_assessment_adds_the_cover_note_the_states_never(
    sent_assessment, tmp_path
):
    committee = _text(services.report_render(_request("state_assessment", "en")), tmp_path)
    state = _text(
        services.report_render(_request("state_assessment", "en", copy="state")), tmp_path
    )

    assert (COVER in committee, LETTER in committee) == (True, True)
    assert (COVER in state, LETTER in state) == (False, True)


def test_a_states_documents_default_to_its_preferred_language(kenya):
    kenya.official_language = "fr"
    kenya.save()

    request = services.report_request_make(kind="visit_report", state="ken")

    assert (request.language, request.state) == ("fr", kenya)


def test_semi_annual_report_counts_visits_against_the_half_yearly_target(tmp_path):
    built = services.report_build(_request("semi_annual", "en"))

    assert built.context["period"] == Period(2012, 1)
    assert built.context["visits"] == {
        "done": 0,
        "planned": 0,
        "cancelled": 0,
        "target": 7,
        "per_year": 14,
    }
    assert len(built.context["non_reporting"]["1373"]) == 193


def test_state_kind_without_a_sent_assessment_says_so(kenya):
    request = _request("state_assessment", "en")

    with pytest.raises(ReportUnavailable) as raised:
        services.report_build(request)

    assert raised.value.message.format(**raised.value.params) == (
        "No assessment of Kenya has been sent to it yet."
    )


@pytest.mark.parametrize(
    ("choices", "field", "message"),
    [
        (
            {"kind": "weekly"},
            "kind",
            "Choose one of the kinds of report: global_survey, "
            "interim_review, semi_annual, state_assessment, visit_report.",
        ),
        (
            {"kind": "semi_annual", "language": "de"},
            "language",
            "Choose one of the languages: en, fr, es, ru, zh-hans, ar.",
        ),
        (
            {"kind": "visit_report", "state": "XYZ"},
            "state",
            "Give the three-letter code of a member State, e.g. KEN.",
        ),
        (
            {"kind": "semi_annual", "period": "2012H3"},
            "period",
            "Give a half-year as year and H1 or H2, e.g. 2012H1.",
        ),
    ],
)
def test_bad_choices_are_refused_with_a_message_per_field(choices, field, message):
    with pytest.raises(ValidationError) as raised:
        services.report_request_make(**choices)

    assert raised.value.message_dict == {field: [message]}


@pytest.mark.parametrize("kind", ["semi_annual", "global_survey"])
def test_figures_take_the_same_queries_whatever_the_data(kind, personas, django_assert_num_queries):
    from tests.factories import FollowUpActionFactory, MatchFactory, NeedFactory, VisitFactory

    counts = []
    for _ in range(2):
        NeedFactory()
        MatchFactory(status="agreed")
        VisitFactory()
        FollowUpActionFactory()
        request = _request(kind, "en")
        with django_assert_num_queries(QUERIES[kind]) as captured:
            services.report_build(request)
        counts.append(len(captured))

    assert counts == [QUERIES[kind], QUERIES[kind]]


QUERIES = {"semi_annual": 10, "global_survey": 12}
