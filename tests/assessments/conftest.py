import pytest

from assessments import services
from assessments.enums import FormatStatus, MappingKind
from assessments.models import AssessmentFormat, FormatQuestion, FormatSection, QuestionMapping
from ctc.accounts.enums import Role
from ctc.states.models import MemberState
from ctc.themes.models import ThematicArea


def _question(section, code, position, text, theme="legislation"):
    return FormatQuestion.objects.create(
        section=section,
        code=code,
        position=position,
        text_en=text,
        text_fr=f"{text} (fr)",
        thematic_area=ThematicArea.objects.get(code=theme),
        technical_guide_ref=f"TG 1373, {code}",
    )


@pytest.fixture
def pia_format(db):
    """A small published format: legislation (1.1, 1.2) and human rights (2.1)."""
    fmt = AssessmentFormat.objects.create(
        code="test-2012",
        name_en="Test format 2012",
        name_fr="Format d'essai 2012",
        status=FormatStatus.PUBLISHED,
    )
    legislation = FormatSection.objects.create(
        format=fmt, code="legislation", position=1, title_en="Legislation"
    )
    rights = FormatSection.objects.create(
        format=fmt, code="human-rights", position=2, title_en="Human rights", is_human_rights=True
    )
    _question(legislation, "1.1", 1, "Is terrorism criminalised?")
    _question(legislation, "1.2", 2, "Is the financing of terrorism criminalised?", "cft")
    _question(rights, "2.1", 1, "Do measures comply with human rights law?", "human-rights")
    return fmt


@pytest.fixture
def next_format(pia_format):
    """Derived from pia_format: 1.1 kept, 1.2 split into 1.2 and 1.3, 2.1 kept."""
    fmt = AssessmentFormat.objects.create(
        code="test-2013",
        name_en="Test format 2013",
        derived_from=pia_format,
        status=FormatStatus.PUBLISHED,
    )
    legislation = FormatSection.objects.create(
        format=fmt, code="legislation", position=1, title_en="Legislation"
    )
    rights = FormatSection.objects.create(
        format=fmt, code="human-rights", position=2, title_en="Human rights", is_human_rights=True
    )
    old = {q.code: q for q in FormatQuestion.objects.filter(section__format=pia_format)}
    new = {
        "1.1": _question(legislation, "1.1", 1, "Is terrorism criminalised?"),
        "1.2": _question(legislation, "1.2", 2, "Is financing criminalised?", "cft"),
        "1.3": _question(legislation, "1.3", 3, "Can funds be frozen without delay?", "cft"),
        "2.1": _question(
            rights, "2.1", 1, "Do measures comply with human rights law?", "human-rights"
        ),
    }
    for old_code, new_code, kind in [
        ("1.1", "1.1", MappingKind.KEPT),
        ("1.2", "1.2", MappingKind.SPLIT),
        ("1.2", "1.3", MappingKind.SPLIT),
        ("2.1", "2.1", MappingKind.KEPT),
    ]:
        QuestionMapping.objects.create(
            from_question=old[old_code], to_question=new[new_code], kind=kind
        )
    return fmt


@pytest.fixture
def kenya():
    return MemberState.objects.get(iso3="KEN")


@pytest.fixture
def draft(pia_format, kenya, personas):
    """Kenya's 2012 assessment, a draft assigned to the expert persona. Kenya is in B."""
    return services.assessment_create(
        state=kenya,
        fmt=pia_format,
        cycle=2012,
        by=personas[Role.CTED_EXPERT],
        assignee=personas[Role.CTED_EXPERT],
    )
