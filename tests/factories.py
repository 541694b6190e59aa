import datetime

import factory
from django.contrib.auth.models import Group

from ctc.accounts.models import User
from ctc.organisations.enums import OrganisationKind
from ctc.organisations.models import Organisation
from ctc.states.enums import RegionalGroup, Resolution
from ctc.states.models import MemberState, StateReport, Subcommittee


class SubcommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subcommittee
        django_get_or_create = ["code"]

    code = "A"
    name_en = factory.LazyAttribute(lambda o: f"Subcommittee {o.code}")


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
