"""The editor's "since the last assessment" badges: from fingerprints, the same verdicts as the
comparison page's word diff, across a derived format, and recomputed after an htmx save."""

import pytest

from assessments import selectors, services
from assessments.enums import FormatStatus, MappingKind
from assessments.models import AssessmentFormat, FormatQuestion, FormatSection, QuestionMapping
from ctc.accounts.enums import Role
from ctc.themes.models import ThematicArea

pytestmark = pytest.mark.django_db

# What Kenya's 2012 assessment says: (finding, status, sources) per question.
FINDINGS_2012 = {
    "1.1": ("<p>Terrorism is an offence.</p>", "partially", "Penal code"),
    "1.2": ("<p>Financing is an offence.</p>", "partially", ""),
    "2.1": ("<p>Rights are respected.</p>", "partially", "Report"),
}


def _save(assessment, code, finding, status, sources, by):
    answer = assessment.answers.get(question__code=code)
    return services.answer_save(
        answer=answer,
        finding=finding,
        status=status,
        sources=sources,
        revision=answer.revision,
        by=by,
    )


@pytest.fixture
def answered(draft, personas):
    for code, (finding, status, sources) in FINDINGS_2012.items():
        _save(draft, code, finding, status, sources, personas[Role.CTED_EXPERT])
    return draft


def _question(section, code, position, text):
    return FormatQuestion.objects.create(
        section=section,
        code=code,
        position=position,
        text_en=text,
        thematic_area=ThematicArea.objects.get(code="legislation"),
        technical_guide_ref=f"TG 1373, {code}",
    )


@pytest.fixture
def merged_format(pia_format):
    """Derived from pia_format: 1.1 and 1.2 merged into 1.1, 2.1 kept."""
    fmt = AssessmentFormat.objects.create(
        code="test-merged", name_en="Merged", derived_from=pia_format, status=FormatStatus.PUBLISHED
    )
    legislation = FormatSection.objects.create(
        format=fmt, code="legislation", position=1, title_en="Legislation"
    )
    rights = FormatSection.objects.create(
        format=fmt, code="human-rights", position=2, title_en="Human rights", is_human_rights=True
    )
    old = {q.code: q for q in FormatQuestion.objects.filter(section__format=pia_format)}
    new = {
        "1.1": _question(legislation, "1.1", 1, "Are terrorism and its financing offences?"),
        "2.1": _question(rights, "2.1", 1, "Do measures comply with human rights law?"),
    }
    for old_code, new_code, kind in [
        ("1.1", "1.1", MappingKind.MERGED),
        ("1.2", "1.1", MappingKind.MERGED),
        ("2.1", "2.1", MappingKind.KEPT),
    ]:
        QuestionMapping.objects.create(
            from_question=old[old_code], to_question=new[new_code], kind=kind
        )
    return fmt


def _badges(user, assessment) -> dict[str, str]:
    editor = selectors.assessment_editor(
        user=user, assessment=selectors.assessment_get(user=user, pk=assessment.pk)
    )
    return {q.question.code: q.since_previous for s in editor.sections for q in s.questions}


def _diff_verdicts(assessment) -> dict[str, str]:
    """What the comparison page's word diff says of each question."""
    rows = selectors.compare_with_previous(assessment)
    return {
        r.code: "new" if not r.origin else "changed" if r.changed else "unchanged" for r in rows
    }


def test_badges_of_kept_split_changed_and_new_questions_across_a_derived_format(
    answered, next_format, personas
):
    expert = personas[Role.CTED_EXPERT]
    legislation = next_format.sections.get(code="legislation")
    _question(legislation, "1.4", 4, "Is there a financial intelligence unit?")
    later = services.assessment_create(state=answered.state, fmt=next_format, cycle=2013, by=expert)
    # 1.1: other markup and spacing, the same words; 1.2: new words; 2.1: another status.
    reworded = "<p>Terrorism   is an <strong>offence</strong>.</p>"
    _save(later, "1.1", reworded, "partially", "Penal  code", expert)
    _save(later, "1.2", "<p>Financing is an offence since 2011.</p>", "partially", "", expert)
    _save(later, "2.1", "<p>Rights are respected.</p>", "implemented", "Report", expert)

    badges = _badges(expert, later)

    assert badges == {
        "1.1": "unchanged",
        "1.2": "changed",
        "1.3": "unchanged",
        "1.4": "new",
        "2.1": "changed",
    }
    assert badges == _diff_verdicts(later)


def test_badge_of_a_merged_question_compares_with_the_joined_previous_answers(
    answered, merged_format, personas
):
    expert = personas[Role.CTED_EXPERT]
    later = services.assessment_create(
        state=answered.state, fmt=merged_format, cycle=2013, by=expert
    )
    carried = later.answers.get(question__code="1.1").finding
    before_edit = (_badges(expert, later), _diff_verdicts(later))
    _save(later, "1.1", "<p>Both are offences.</p>", "partially", "Penal code", expert)

    badges = _badges(expert, later)

    assert carried == "<p>Terrorism is an offence.</p><p>Financing is an offence.</p>"
    assert before_edit == ({"1.1": "unchanged", "2.1": "unchanged"},) * 2
    assert badges == {"1.1": "changed", "2.1": "unchanged"}
    assert badges == _diff_verdicts(later)


def test_badges_against_a_previous_assessment_in_the_same_format(answered, pia_format, personas):
    expert = personas[Role.CTED_EXPERT]
    later = services.assessment_create(state=answered.state, fmt=pia_format, cycle=2013, by=expert)
    _save(later, "1.2", "", "partially", "", expert)

    badges = _badges(expert, later)

    assert badges == {"1.1": "unchanged", "1.2": "changed", "2.1": "unchanged"}
    assert badges == _diff_verdicts(later)


def test_no_badges_without_a_previous_assessment(answered, personas):
    assert set(_badges(personas[Role.CTED_EXPERT], answered).values()) == {""}


def test_htmx_save_recomputes_the_badge_of_the_saved_question(
    client, answered, next_format, personas
):
    expert = personas[Role.CTED_EXPERT]
    later = services.assessment_create(state=answered.state, fmt=next_format, cycle=2013, by=expert)
    answer = later.answers.get(question__code="1.1")
    url = f"/en/assessments/{later.pk}/answers/{answer.pk}/"
    client.force_login(expert)
    finding, status, sources = FINDINGS_2012["1.1"]

    changed = client.post(
        url,
        {"finding": "<p>A crime.</p>", "status": status, "sources": sources, "revision": 0},
        headers={"HX-Request": "true"},
    )
    back = client.post(
        url,
        {"finding": finding, "status": status, "sources": sources, "revision": 1},
        headers={"HX-Request": "true"},
    )

    assert changed.status_code == back.status_code == 200
    assert "Changed since the last assessment" in changed.content.decode()
    assert f"/en/assessments/{later.pk}/previous/#row-1.1" in changed.content.decode()
    assert "Unchanged since the last assessment" in back.content.decode()


def test_previous_page_says_no_changes_then_shows_the_status_change(
    client, answered, pia_format, personas
):
    expert = personas[Role.CTED_EXPERT]
    later = services.assessment_create(
        state=answered.state, fmt=pia_format, cycle=2013, by=expert, assignee=expert
    )
    client.force_login(expert)

    same = client.get(f"/en/assessments/{later.pk}/previous/").content.decode()
    _save(later, "1.1", "<p>Terrorism is an offence.</p>", "implemented", "Penal code", expert)
    changed = client.get(f"/en/assessments/{later.pk}/previous/").content.decode()

    assert (
        "No changes: every finding, status and source is the same as in the 2012 assessment."
        in same
    )
    assert "3 unchanged questions" in same
    assert "No changes:" not in changed
    assert "Status changed: Partially implemented → Implemented" in changed
    assert "2 unchanged questions" in changed
