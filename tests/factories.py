import datetime

import factory
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments import services as assessment_services
from assessments.enums import WORKFLOW_ORDER, AssessmentStatus
from assessments.models import Assessment, AssessmentFormat, FormatQuestion, FormatSection
from assistance.models import Match, Need, Offer
from ctc.accounts.enums import Role
from ctc.accounts.models import User
from ctc.organisations.enums import OrganisationKind
from ctc.organisations.models import Organisation
from ctc.states.enums import RegionalGroup, Resolution
from ctc.states.models import MemberState, Region, StateReport, Subcommittee, Subregion
from ctc.themes.models import ThematicArea
from programme.models import Contribution, Event, FundedActivity, ProgrammeLink
from visits.models import FollowUpAction, Visit
from visits.models import Recommendation as VisitRecommendation


class SubcommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subcommittee
        django_get_or_create = ["code"]

    code = "A"
    name_en = factory.LazyAttribute(lambda o: f"Subcommittee {o.code}")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = "002"
    name_en = "Africa"


class SubregionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subregion
        django_get_or_create = ["code"]

    code = "014"
    name_en = "Eastern Africa"
    region = factory.SubFactory(RegionFactory)


class MemberStateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberState

    name_en = factory.Sequence(lambda n: f"State {n:03d}")
    name_fr = factory.LazyAttribute(lambda o: f"État {o.name_en[-3:]}")
    name_es = factory.LazyAttribute(lambda o: f"Estado {o.name_en[-3:]}")
    name_ru = factory.LazyAttribute(lambda o: f"Государство {o.name_en[-3:]}")
    name_zh_hans = factory.LazyAttribute(lambda o: f"国家{o.name_en[-3:]}")
    name_ar = factory.LazyAttribute(lambda o: f"دولة {o.name_en[-3:]}")
    iso2 = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    iso3 = factory.Sequence(lambda n: f"Z{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    m49 = factory.Sequence(lambda n: f"{n % 1000:03d}")
    regional_group = RegionalGroup.AFRICAN
    admitted_on = datetime.date(1960, 9, 20)
    subcommittee = factory.SubFactory(SubcommitteeFactory)
    subregion = factory.SubFactory(SubregionFactory)
    official_language = "en"


class StateReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StateReport

    state = factory.SubFactory(MemberStateFactory)
    resolution = Resolution.R1373
    received_on = datetime.date(2002, 3, 1)
    document_symbol = factory.Sequence(lambda n: f"S/2002/{100 + n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    code = factory.Sequence(lambda n: f"org-{n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.PARTNER_BODY


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if extracted:
            groups = [Group.objects.get_or_create(name=str(role))[0] for role in extracted]
            self.groups.set(groups)
        if create:
            self.save()


# --- Assessments: built through the services, as people build them ---------------------

# section code, title, human rights, [(question code, text, thematic area)]
FORMAT_SECTIONS = [
    (
        "legislation",
        "Legislation",
        False,
        [
            ("1.1", "Is terrorism criminalised?", "legislation"),
            ("1.2", "Is the financing of terrorism criminalised?", "cft"),
        ],
    ),
    (
        "human-rights",
        "Human rights",
        True,
        [("2.1", "Do measures comply with human rights law?", "human-rights")],
    ),
]


class AssessmentFormatFactory(factory.django.DjangoModelFactory):
    """A small questionnaire (FORMAT_SECTIONS), built the way an administrator builds one:
    a draft with its sections and questions, then `services.format_publish`. With
    `derived_from`, `services.format_derive` copies that format first. `publish=False`
    leaves it a draft; `by` is the administrator (one is made if not given)."""

    class Meta:
        model = AssessmentFormat

    code = factory.Sequence(lambda n: f"format-{n}")
    name_en = factory.LazyAttribute(lambda o: f"Format {o.code}")

    @classmethod
    def _create(cls, model_class, *args, derived_from=None, publish=True, by=None, **fields):
        by = by or UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
        if derived_from is not None:
            fmt = assessment_services.format_derive(source=derived_from, code=fields["code"], by=by)
        else:
            fmt = model_class.objects.create(**fields)
            for position, (code, title, rights, questions) in enumerate(FORMAT_SECTIONS, 1):
                section = FormatSection.objects.create(
                    format=fmt, code=code, position=position, title_en=title, is_human_rights=rights
                )
                for number, (q_code, text, theme) in enumerate(questions, 1):
                    FormatQuestion.objects.create(
                        section=section,
                        code=q_code,
                        position=number,
                        text_en=text,
                        thematic_area=ThematicArea.objects.get(code=theme),
                        technical_guide_ref=f"TG 1373, {q_code}",
                    )
        if publish:
            fmt = assessment_services.format_publish(fmt=fmt, by=by)
        return fmt


def reply_upload(state) -> SimpleUploadedFile:
    """The State's reply, as its focal point uploads it."""
    content = f"%PDF-1.4 reply of {state.iso3}".encode()
    return SimpleUploadedFile("reply.pdf", content, content_type="application/pdf")


def finding_save(answer, finding: str, by):
    """`by` saves a finding over the answer's current revision, as in the editor (a second
    person saving first, before a stale save is tried)."""
    return assessment_services.answer_save(
        answer=answer,
        finding=finding,
        status=answer.status,
        sources=answer.sources,
        revision=answer.revision,
        by=by,
    )


def answer_all(assessment, user, text="The State has adopted a law."):
    for answer in assessment.answers.all():
        assessment_services.answer_save(
            answer=answer,
            finding=f"<p>{text}</p>",
            status="partially",
            sources="Report",
            revision=answer.revision,
            by=user,
        )


def _record_reply(*, assessment, by):
    upload = reply_upload(assessment.state)
    return assessment_services.assessment_record_reply(
        assessment=assessment, by=by, upload=upload
    ).assessment


S = AssessmentStatus
# Each stage, the service that brings a file there from the stage before, and who takes it.
WORKFLOW = [
    (S.CTED_REVIEW, assessment_services.assessment_submit, Role.CTED_EXPERT),
    (
        S.WITH_SUBCOMMITTEE,
        assessment_services.assessment_send_to_subcommittee,
        Role.CTED_COORDINATOR,
    ),
    (S.WITH_COMMITTEE, assessment_services.assessment_recommend, Role.SUBCOMMITTEE_MEMBER),
    (S.APPROVED, assessment_services.assessment_approve, Role.CHAIR),
    (S.SENT, assessment_services.assessment_send_to_state, Role.CTED_COORDINATOR),
    (S.REPLIED, _record_reply, Role.FOCAL_POINT),
    (S.CLOSED, assessment_services.assessment_close, Role.CTED_COORDINATOR),
]


def _actor(people: dict, role: str, state: MemberState):
    """The person of `people` who takes a step, or a new one with the right scope: the
    subcommittee member of the state's subcommittee, the focal point of the state."""
    person = people.get(role)
    if role == Role.SUBCOMMITTEE_MEMBER and getattr(person, "subcommittee_id", None) != (
        state.subcommittee_id
    ):
        person = UserFactory(roles=[role], subcommittee=state.subcommittee)
    elif role == Role.FOCAL_POINT and getattr(person, "member_state_id", None) != state.pk:
        person = UserFactory(roles=[role], member_state=state)
    elif person is None:
        person = UserFactory(roles=[role])
    people[role] = person
    return person


def assessment_advance(assessment: Assessment, to: str, people: dict | None = None):
    """Moves a file through the real services up to status `to` (a draft is answered in full
    first); `people` maps Role → user, and whoever is missing is made."""
    people = dict(people or {})
    if assessment.status == S.DRAFT and to != S.DRAFT:
        answer_all(assessment, _actor(people, Role.CTED_EXPERT, assessment.state))
    for target, service, role in WORKFLOW:
        if WORKFLOW_ORDER.index(target) > WORKFLOW_ORDER.index(to):
            break
        if WORKFLOW_ORDER.index(target) > WORKFLOW_ORDER.index(assessment.status):
            assessment = service(assessment=assessment, by=_actor(people, role, assessment.state))
    return assessment


class AssessmentFactory(factory.django.DjangoModelFactory):
    """An assessment opened through `services.assessment_create` by a coordinator (`by`, or
    people[Role.CTED_COORDINATOR], or a new one), then walked through the workflow services
    up to `stage` (a draft by default) by `people`."""

    class Meta:
        model = Assessment

    state = factory.LazyFunction(lambda: MemberState.objects.get(iso3="KEN"))
    format = factory.SubFactory(AssessmentFormatFactory)
    cycle = factory.Sequence(lambda n: 2012 + n)

    @classmethod
    def _create(cls, model_class, *args, stage=S.DRAFT, people=None, by=None, format, **fields):
        people = dict(people or {})
        by = by or _actor(people, Role.CTED_COORDINATOR, fields["state"])
        assessment = assessment_services.assessment_create(fmt=format, by=by, **fields)
        return assessment_advance(assessment, stage, people)


def suggestion_make(assessment, by, text: str, *, code: str | None = "1.1", note: str = ""):
    """`by` suggests `text` for the finding of question `code`, or with code None for the
    cover note, as on the editor page (from the text as saved now)."""
    answer = assessment.answers.get(question__code=code) if code else None
    return assessment_services.suggestion_make(
        assessment=assessment,
        part="answer" if code else "cover_note",
        answer=answer,
        proposed_text=text,
        note=note,
        by=by,
    )


# --- Visits: rows as they stand at a stage (the visit services' own tests walk the steps) ---


class VisitFactory(factory.django.DjangoModelFactory):
    """A visit to Kenya in May 2012, proposed by a new coordinator unless given; pass
    status=, consent_status=, report_status= for a visit at a later stage."""

    class Meta:
        model = Visit
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"VIS/TST/2012/{n}")
    state = factory.LazyFunction(lambda: MemberState.objects.get(iso3="KEN"))
    purpose = "Assess the implementation of resolution 1373 (2001)."
    objectives = "Meet the authorities responsible for border control and financial intelligence."
    human_rights = "Meetings with the national human-rights institution and civil society."
    starts_on = datetime.date(2012, 5, 14)
    ends_on = datetime.date(2012, 5, 18)
    coordinator = factory.SubFactory(UserFactory, roles=[Role.CTED_COORDINATOR])

    @factory.post_generation
    def experts(self, create, extracted, **kwargs):
        if create and extracted:
            self.experts.set(extracted)

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.partners.set(extracted)


class VisitRecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisitRecommendation

    visit = factory.SubFactory(VisitFactory, status="done", consent_status="given")
    position = factory.Sequence(lambda n: n + 1)
    text = "Establish a financial intelligence unit with adequate resources."
    thematic_area = factory.LazyFunction(lambda: ThematicArea.objects.order_by("pk").first())
    created_by = factory.LazyAttribute(lambda o: o.visit.coordinator)


class FollowUpActionFactory(factory.django.DjangoModelFactory):
    """An open action owned by the State, due on 30 September 2012."""

    class Meta:
        model = FollowUpAction

    recommendation = factory.SubFactory(VisitRecommendationFactory)
    visit = factory.LazyAttribute(lambda o: o.recommendation.visit)
    description = "Adopt the draft law on the financial intelligence unit."
    owner_kind = "state"
    due_on = datetime.date(2012, 9, 30)
    created_by = factory.LazyAttribute(lambda o: o.recommendation.visit.coordinator)


class NeedFactory(factory.django.DjangoModelFactory):
    """An open, medium-priority need of Kenya in the first thematic area, not shared."""

    class Meta:
        model = Need

    state = factory.LazyFunction(lambda: MemberState.objects.get(iso3="KEN"))
    thematic_area = factory.LazyFunction(lambda: ThematicArea.objects.order_by("pk").first())
    description = "Training of financial investigators in tracing terrorist financing."
    source = "state_request"
    created_by = factory.SubFactory(UserFactory, roles=[Role.CTED_EXPERT])


class OfferFactory(factory.django.DjangoModelFactory):
    """A donor's global programme for 2012–2013 in the first thematic area, in English and
    French; pass thematic_areas=[…], states=[…] to change them."""

    class Meta:
        model = Offer
        skip_postgeneration_save = True

    provider = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.DONOR)
    title = factory.Sequence(lambda n: f"Programme {n}")
    is_global = True
    starts_on = datetime.date(2012, 1, 1)
    ends_on = datetime.date(2013, 12, 31)
    budget_band = "100k_500k"
    delivery_modes = ["training"]
    languages = ["en", "fr"]
    created_by = factory.SubFactory(UserFactory, roles=[Role.CTED_EXPERT])

    @factory.post_generation
    def thematic_areas(self, create, extracted, **kwargs):
        if create:
            self.thematic_areas.set(
                extracted
                if extracted is not None
                else [ThematicArea.objects.order_by("pk").first()]
            )

    @factory.post_generation
    def states(self, create, extracted, **kwargs):
        if create and extracted:
            self.states.set(extracted)


class MatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Match

    need = factory.SubFactory(NeedFactory, shared_with_donors=True)
    offer = factory.SubFactory(OfferFactory)
    score = 70


# --- Work programme: events and the trust fund -----------------------------------------


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title_en = factory.Sequence(lambda n: f"Briefing {n}")
    kind = "thematic_briefing"
    date = datetime.date(2012, 5, 10)
    audience = "all_members"
    place = "New York"
    is_public = True


class FundedActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundedActivity

    title = factory.Sequence(lambda n: f"Workshop {n}")
    estimated_cost = 100000
    created_by = factory.SubFactory(UserFactory, roles=[Role.CTED_COORDINATOR])


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    donor = "Canada"
    amount = 1000
    received_on = datetime.date(2012, 3, 1)
    activity = factory.SubFactory(FundedActivityFactory)
    created_by = factory.SubFactory(UserFactory, roles=[Role.CTED_COORDINATOR])


class ProgrammeLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeLink

    label = "Agenda"
    url = "https://undocs.org/S/2012/162"
    added_by = factory.SubFactory(UserFactory, roles=[Role.CTED_COORDINATOR])
