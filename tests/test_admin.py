import re
from io import StringIO

import pytest
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import translation
from django.utils.html import escape

from ctc.accounts.enums import Role
from ctc.accounts.models import User
from ctc.organisations.models import Organisation
from ctc.registry import site
from ctc.states.models import MemberState

pytestmark = pytest.mark.django_db

# The project's own apps: every app registered for the admin, less Django's and libraries'.
OUR_APPS = set(site.admin_apps) - {"auth", "knox", "django_celery_beat", "axes"}
# Records that only services create: the admin shows them but offers no "add".
NO_ADD = {
    "assessment",
    "sentsnapshot",
    "statereply",
    "answer",
    "recommendation",
    "searchdocument",
    "assessmentversion",
    "part",
    "transition",
    "downloadrecord",
    "job",
    "notification",
    "suggestion",
    "secureaccount",
    "credentialrotation",
    "accountrotation",
    # The document area: documents, files, distributions and receipts come from its
    # services (the pages, the registry); the access log is only ever appended to.
    "document",
    "documentfile",
    # Publications: an edition's file is uploaded on its publication's page; its daily
    # download count is added up by the downloads themselves.
    "editionfile",
    "downloadcount",
    "distribution",
    "receipt",
    "accessevent",
    # Visits: proposed and moved through the plan's services only (visits.services).
    "visit",
    "visittransition",
    "calendarfeed",
    # Visit reports: sections, versions, suggestions and transmissions come from their
    # services (visits/report_services.py).
    "visitreportsection",
    "visitreportversion",
    "visitreportsuggestion",
    "visitreporttransmission",
    # Follow-up: recommendations, actions, their steps and the outcome evaluation come from
    # visits/follow_up_services.py.
    "followupaction",
    "followuptransition",
    # The dialogue with a State is logged from its timeline (ctc.states.services).
    "dialogueentry",
    "outcomeevaluation",
    # Technical assistance: needs, programmes, matches and their steps come from
    # assistance/services.py.
    "need",
    "offer",
    "match",
    "matchtransition",
    # Work programme: items come from its reference data and move through
    # programme/services.py; links, activities and contributions are recorded on its pages.
    "programmeitem",
    "itemtransition",
    "programmelink",
    "fundedactivity",
    "contribution",
}
LANGUAGES = ["en", "fr", "es", "ru", "zh-hans", "ar"]


def _our_models():
    return sorted(
        (m._meta.app_label, m._meta.model_name)
        for m in admin.site._registry
        if m._meta.app_label in OUR_APPS
    )


def _model(app_label, model_name):
    return next(
        m
        for m in admin.site._registry
        if (m._meta.app_label, m._meta.model_name) == (app_label, model_name)
    )


@pytest.fixture(scope="module")
def demo(module_db):
    """The demo data, plus a row for each model the demo leaves empty (records that only
    a download, a job run or a PostgreSQL recount writes), so every admin has real rows."""
    from assessments.models import Assessment, SearchDocument, StateReply
    from assessments.services import comment_add
    from ctc.files.services import download_record
    from ctc.jobs.models import Job
    from publications.models import EditionFile
    from publications.services import download_count_add

    call_command("seed_demo", stdout=StringIO())
    expert = User.objects.get(username="expert")
    assessment = Assessment.objects.filter(answers__isnull=False).first()
    question = assessment.answers.first().question
    if not assessment.comments.exists():
        comment_add(
            assessment=assessment,
            body="Check the 2023 law.",
            visibility="cted",
            by=expert,
            question=question,
        )
    SearchDocument.objects.get_or_create(assessment=assessment)
    download_record(stored=StateReply.objects.first(), by=expert)
    download_count_add(stored=EditionFile.objects.first())
    Job.objects.create(kind="reports.state_pdf", created_by=expert, params={})
    _assistance(expert)
    return User.objects.get(username="admin")


def _assistance(expert):
    """A need, a programme, a match with a step, and the matching weights, when the demo has
    none of them."""
    from assistance.models import Match, MatchingWeights, MatchTransition
    from tests.factories import MatchFactory

    if not MatchTransition.objects.exists():
        match = Match.objects.first() or MatchFactory(
            need__created_by=expert, offer__created_by=expert
        )
        MatchTransition.objects.create(
            match=match, action="contact", from_status="proposed", to_status="contacted", by=expert
        )
    if not MatchingWeights.objects.exists():
        MatchingWeights.objects.create()


@pytest.fixture
def administrator(demo, client):
    client.force_login(demo)
    return demo


def test_every_model_of_ours_has_an_admin():
    from django.apps import apps

    ours = {
        (m._meta.app_label, m._meta.model_name)
        for m in apps.get_models()
        if m._meta.app_label in OUR_APPS and not m._meta.model_name.startswith("historical")
    }

    assert ours == set(_our_models())


@pytest.mark.parametrize("app_label,model_name", _our_models())
def test_administrator_opens_list_add_and_change_page_of_every_model(
    client, administrator, app_label, model_name
):
    model = _model(app_label, model_name)
    base = f"/en/admin/{app_label}/{model_name}/"

    searched = client.get(base, {"q": "a"})
    listing = client.get(base)
    adding = client.get(f"{base}add/")
    links = re.findall(rf'href="{base}([^/"]+)/change/', listing.content.decode())
    assert links, f"no {model_name} row listed: give the demo fixture one"
    obj = model._default_manager.get(pk=unquote(links[0]))
    changing = client.get(f"{base}{links[0]}/change/")
    history = client.get(f"{base}{links[0]}/history/")
    deleting = client.get(f"{base}{links[0]}/delete/")

    assert searched.status_code == 200
    assert 'id="searchbar"' in searched.content.decode()
    assert listing.status_code == 200
    assert adding.status_code == (403 if model_name in NO_ADD else 200)
    assert changing.status_code == 200
    with translation.override("en"):
        label = str(obj)
    assert f"<h2>{escape(label)}</h2>" in changing.content.decode()
    assert history.status_code == 200
    assert deleting.status_code in (200, 403)  # a confirmation page, or no deleting at all


def test_assessment_change_page_lists_its_workflow_history(client, administrator):
    from assessments.models import Assessment

    assessment = Assessment.objects.filter(transitions__isnull=False).first()
    transition = assessment.transitions.first()

    response = client.get(f"/en/admin/assessments/assessment/{assessment.pk}/change/")

    assert response.status_code == 200
    html = response.content.decode()
    assert transition.get_action_display() in html
    assert transition.by.username in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_admin_is_headed_ctc_workspace_administration_in_each_language(
    client, administrator, language
):
    with translation.override(language):
        header = str(admin.site.site_header)
        title = str(admin.site.site_title)

    html = client.get(f"/{language}/admin/").content.decode()

    assert "Django" not in html.replace("/static/admin/", "")
    assert f'<a href="/{language}/admin/">{escape(header)}</a>' in html
    assert re.search(rf"<title>[^<]*\| {re.escape(escape(title))}</title>", html)
    if language == "en":
        assert header == "CTC Workspace administration"
    else:
        assert header != "CTC Workspace administration"


@pytest.mark.parametrize(
    "path",
    [
        "states/memberstate/{kenya}/change/",
        "organisations/organisation/add/",
        "themes/thematicarea/add/",
        "assessments/assessmentformat/add/",
    ],
)
def test_arabic_fields_are_written_right_to_left(client, administrator, path):
    kenya = MemberState.objects.get(iso3="KEN")

    html = client.get("/en/admin/" + path.format(kenya=kenya.pk)).content.decode()

    arabic = re.findall(r"<(?:input|textarea)[^>]*name=\"[a-z_-]*_ar\"[^>]*>", html)
    french = re.findall(r"<(?:input|textarea)[^>]*name=\"[a-z_-]*_fr\"[^>]*>", html)
    assert arabic and french
    for tag in arabic:
        assert 'dir="rtl"' in tag and 'lang="ar"' in tag
    for tag in french:
        assert 'dir="rtl"' not in tag and 'lang="fr"' in tag


def test_arabic_fields_of_an_inline_are_written_right_to_left(client, administrator):
    from tests.factories import AssessmentFormatFactory

    draft = AssessmentFormatFactory(publish=False, by=administrator)

    html = client.get(f"/en/admin/assessments/assessmentformat/{draft.pk}/change/").content
    tags = re.findall(r"<input[^>]*name=\"sections-\d+-title_ar\"[^>]*>", html.decode())

    assert len(tags) == draft.sections.count()
    for tag in tags:
        assert 'dir="rtl"' in tag and 'lang="ar"' in tag


def test_member_states_cannot_be_deleted_from_the_admin(client, administrator):
    kenya = MemberState.objects.get(iso3="KEN")
    base = "/en/admin/states/memberstate/"

    listing = client.get(base).content.decode()
    delete_page = client.get(f"{base}{kenya.pk}/delete/")
    posted = client.post(f"{base}{kenya.pk}/delete/", {"post": "yes"})
    action = client.post(
        base, {"action": "delete_selected", "_selected_action": [kenya.pk], "post": "yes"}
    )
    change_page = client.get(f"{base}{kenya.pk}/change/").content.decode()

    assert 'value="delete_selected"' not in listing
    assert delete_page.status_code == 403
    assert posted.status_code == 403
    assert action.status_code in (200, 302)
    assert MemberState.objects.filter(pk=kenya.pk).exists()
    assert f"{base}{kenya.pk}/delete/" not in change_page
    model_admin = admin.site._registry[MemberState]
    request = type("Request", (), {"user": administrator})()
    assert not model_admin.has_delete_permission(request, kenya)


def test_reporting_history_inline_names_each_field_by_column_and_row(client, administrator):
    kenya = MemberState.objects.get(iso3="KEN")
    report = kenya.reports.order_by("resolution", "received_on").first()

    html = client.get(f"/en/admin/states/memberstate/{kenya.pk}/change/").content.decode()

    widgets = re.findall(
        r"<(?:input|select)[^>]*name=\"reports-\d+-(?!id\b|state\b)[a-z_]+\"[^>]*>", html
    )
    assert widgets
    for tag in widgets:
        if 'type="hidden"' not in tag:
            assert "aria-label=" in tag, tag
    assert f'aria-label="Document reference, {escape(str(report))}"' in html
    assert f'aria-label="Date received, {escape(str(report))}"' in html
    assert f'aria-label="Delete, {escape(str(report))}"' in html
    assert 'aria-label="Resolution, new row"' in html  # the empty form's row


def test_date_and_time_inputs_are_each_inside_their_label(client, administrator):
    html = client.get(f"/en/admin/accounts/user/{administrator.pk}/change/").content.decode()

    for name in ["last_login", "date_joined"]:
        assert re.search(rf'<label>Date: <input [^>]*name="{name}_0"[^>]*>\s*</label>', html)
        assert re.search(rf'<label>Time: <input [^>]*name="{name}_1"[^>]*>\s*</label>', html)


@pytest.mark.parametrize("language,search", [("en", "Search"), ("fr", "Rechercher")])
def test_search_box_is_named_in_the_readers_language(client, administrator, language, search):
    html = client.get(f"/{language}/admin/knox/authtoken/").content.decode()

    box = re.search(r'<input [^>]*id="searchbar"[^>]*>', html).group()
    assert f'aria-label="{search}"' in box
    assert f'alt="{search}"' in html


def test_admin_pages_load_the_sites_accessibility_fixes(client, administrator):
    html = client.get("/en/admin/states/statereport/add/").content.decode()

    assert '<link rel="stylesheet" href="/static/ctc_admin/admin.css">' in html
    assert '<script src="/static/ctc_admin/admin.js" defer></script>' in html
    css = client.get("/static/ctc_admin/admin.css")
    assert b"div.breadcrumbs a" in b"".join(css.streaming_content)


def test_member_state_admin_shows_the_six_languages_together(client, administrator):
    state = MemberState.objects.get(iso3="KEN")

    html = client.get(f"/en/admin/states/memberstate/{state.pk}/change/").content.decode()

    for suffix in ["en", "fr", "es", "ru", "zh_hans", "ar"]:
        assert f'name="name_{suffix}"' in html
    assert "كينيا" in html


def test_admin_edit_is_recorded_in_history(client, administrator):
    organisation = Organisation.objects.get(code="ctitf")
    data = {"code": "ctitf", "kind": organisation.kind, "website": organisation.website}
    for suffix in ["en", "fr", "es", "ru", "zh_hans", "ar"]:
        data[f"name_{suffix}"] = getattr(organisation, f"name_{suffix}")
        data[f"acronym_{suffix}"] = getattr(organisation, f"acronym_{suffix}")
    data["name_fr"] = "Équipe spéciale (modifiée)"
    url = f"/en/admin/organisations/organisation/{organisation.pk}/change/"

    response = client.post(url, data)

    assert response.status_code == 302
    latest = organisation.history.latest()
    assert latest.name_fr == "Équipe spéciale (modifiée)"
    assert latest.history_user == administrator
    assert latest.history_type == "~"


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_other_roles_cannot_open_the_admin(client, demo, role):
    user = Group.objects.get(name=role).user_set.order_by("pk").first()
    client.force_login(user)

    response = client.get("/en/admin/states/memberstate/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
