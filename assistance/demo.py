"""Demo technical assistance (2012–2014): States' needs in every region and thematic area,
some from the demo visits' and assessments' recommendations; providers' programmes (bilateral
donors, UNODC, regional and subregional organisations) of every scope; matches in every step
of their lifecycle, walked through the services by the demo CTED staff and the demo donor;
then one run of the matching job. Idempotent: a need already there (its source, or its State,
thematic area and description), a programme (its provider and title) or a pair already
matched is left as it is."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from ctc.accounts.models import User
from ctc.jobs.services import job_run
from ctc.organisations.models import Organisation
from ctc.states.models import MemberState
from ctc.themes.models import ThematicArea

from . import match_services, matching, services
from .enums import BudgetBand, DeliveryMode, MatchStatus, NeedSource, NeedStatus, Priority
from .models import Match, Need, Offer

D = datetime.date
P = Priority
SRC = NeedSource
B = BudgetBand
M = DeliveryMode
ALL_LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh-hans")


@dataclass(frozen=True)
class Programme:
    """A provider's programme; `key` names it in MATCHES. `where` is "global", M49 codes of
    regions (three digits, "r:") and subregions ("s:"), or ISO alpha-3 codes of States."""

    key: str
    provider: str
    title: str
    description: str
    areas: tuple[str, ...]
    where: tuple[str, ...]
    starts_on: datetime.date
    ends_on: datetime.date
    budget: str
    modes: tuple[str, ...]
    languages: tuple[str, ...]
    contact: str
    closed: bool = False


@dataclass(frozen=True)
class Wanted:
    """A State's need as CTED records it; `shared` is the State's answer on sharing it with
    donors (None: not asked yet), `withdrawn` whether it was withdrawn later."""

    key: str
    iso3: str
    area: str
    priority: str
    source: str
    description: str
    wanted: tuple[datetime.date, datetime.date] | None = None
    shared: bool | None = True
    withdrawn: bool = False


@dataclass(frozen=True)
class Pairing:
    """A match proposed by hand and taken to `status`; `donor` when the provider's donor
    account answers and delivers itself; a decline's `reason`; an evaluation's `outcome`."""

    need: str
    offer: str
    status: str
    donor: bool = False
    reason: str = ""
    outcome: str = ""
    need_met: bool | None = None
    declined_from: str = MatchStatus.PROPOSED


PROGRAMMES = [
    # The demo donor's own programmes (Australia), so its home has answers waiting.
    Programme(
        "dfat-pacific-law",
        "australia-dfat",
        "Pacific counter-terrorism legislation programme",
        "Drafting support and mentoring for Pacific Island States bringing their "
        "counter-terrorism and terrorist-financing laws into line with resolution 1373 (2001).",
        ("legislation", "cft"),
        ("s:054", "s:057", "s:061"),
        D(2012, 2, 1),
        D(2014, 6, 30),
        B.FROM_100K,
        (M.LEGISLATIVE_DRAFTING, M.MENTORING),
        ("en", "fr"),
        "Pacific Security Section",
    ),
    Programme(
        "dfat-sea-border",
        "australia-dfat",
        "South-East Asia border management partnership",
        "Training and screening equipment for immigration and customs officers at the main "
        "air, sea and land border crossings of South-East Asia.",
        ("border-control", "law-enforcement"),
        ("s:035",),
        D(2012, 7, 1),
        D(2014, 12, 31),
        B.OVER_1M,
        (M.TRAINING, M.EQUIPMENT),
        ("en",),
        "Border Security Unit",
    ),
    Programme(
        "dfat-cft-asia",
        "australia-dfat",
        "Countering terrorist financing in South and South-East Asia",
        "Mentoring of financial intelligence units, regulators of non-profit organisations "
        "and customs services on terrorist-financing risks.",
        ("cft", "npo-financing", "cash-couriers"),
        ("s:034", "s:035"),
        D(2013, 1, 1),
        D(2014, 12, 31),
        B.FROM_500K,
        (M.TRAINING, M.MENTORING),
        ("en",),
        "Counter-Terrorism Branch",
    ),
    Programme(
        "dfat-prosecutors",
        "australia-dfat",
        "Mentoring of terrorism prosecutors in Indonesia and the Philippines",
        "Australian prosecutors placed with national prosecution services to mentor teams "
        "trying terrorism cases, with fair-trial safeguards.",
        ("police-prosecutors", "human-rights"),
        ("IDN", "PHL"),
        D(2012, 9, 1),
        D(2014, 8, 31),
        B.FROM_100K,
        (M.MENTORING,),
        ("en",),
        "Counter-Terrorism Branch",
    ),
    # Other bilateral donors.
    Programme(
        "uk-east-africa",
        "uk-fco",
        "East Africa counter-terrorism criminal justice programme",
        "Joint training of police investigators and prosecutors in Kenya, Tanzania, Uganda, "
        "Ethiopia and Somalia on evidence-led terrorism cases.",
        ("police-prosecutors", "law-enforcement", "human-rights"),
        ("KEN", "TZA", "UGA", "ETH", "SOM"),
        D(2012, 4, 1),
        D(2014, 3, 31),
        B.OVER_1M,
        (M.TRAINING, M.MENTORING),
        ("en",),
        "Counter-Terrorism Programme Team",
    ),
    Programme(
        "us-sahel-border",
        "us-state-ct",
        "Antiterrorism assistance: border security in the Sahel and the Maghreb",
        "Courses and equipment for border police and gendarmerie units patrolling the desert "
        "borders of North and West Africa.",
        ("border-control", "law-enforcement"),
        ("s:011", "s:015"),
        D(2012, 10, 1),
        D(2014, 9, 30),
        B.OVER_1M,
        (M.TRAINING, M.EQUIPMENT),
        ("en", "fr", "ar"),
        "Antiterrorism Assistance Program",
    ),
    Programme(
        "canada-caribbean",
        "canada-ctcbp",
        "Counter-terrorism capacity building in the Caribbean and Central America",
        "Legislative advice and training of customs and financial-intelligence officers in "
        "small Caribbean and Central American States.",
        ("legislation", "cft", "border-control", "cash-couriers"),
        ("s:029", "s:013"),
        D(2012, 4, 1),
        D(2014, 3, 31),
        B.FROM_500K,
        (M.LEGISLATIVE_DRAFTING, M.TRAINING),
        ("en", "es", "fr"),
        "CTCBP Secretariat",
    ),
    Programme(
        "japan-asia-security",
        "japan-mofa",
        "Maritime and aviation security capacity in Asia",
        "Screening equipment and training for port and airport security authorities across Asia.",
        ("border-control",),
        ("r:142",),
        D(2012, 4, 1),
        D(2014, 3, 31),
        B.OVER_1M,
        (M.EQUIPMENT, M.TRAINING),
        ("en", "ru", "zh-hans"),
        "International Cooperation against Terrorism Division",
    ),
    Programme(
        "norway-rights",
        "norway-mfa",
        "Human rights compliance in countering terrorism",
        "Expert advice and training for investigators, prosecutors and prison staff on "
        "human-rights-compliant responses to terrorism and incitement.",
        ("human-rights", "incitement-1624"),
        ("global",),
        D(2012, 1, 1),
        D(2014, 12, 31),
        B.FROM_500K,
        (M.TRAINING, M.MENTORING),
        ("en", "fr", "es", "ar"),
        "Section for Peace and Reconciliation",
    ),
    Programme(
        "eu-sahel",
        "eu-icsp",
        "Counter-terrorism in the Sahel (Instrument for Stability)",
        "Support to specialised police and judicial units of Mali, Niger and Mauritania and "
        "to their regional cooperation.",
        ("law-enforcement", "police-prosecutors", "subregional-cooperation"),
        ("MLI", "NER", "MRT"),
        D(2012, 1, 1),
        D(2014, 12, 31),
        B.OVER_1M,
        (M.TRAINING, M.EQUIPMENT, M.MENTORING),
        ("fr", "en"),
        "Instrument for Stability, Directorate-General for Development and Cooperation",
    ),
    Programme(
        "world-bank-fiu",
        "world-bank",
        "Financial intelligence unit development programme",
        "Technical assistance to set up or strengthen financial intelligence units and the "
        "supervision of non-profit organisations.",
        ("cft", "npo-financing"),
        ("global",),
        D(2012, 7, 1),
        D(2014, 6, 30),
        B.FROM_500K,
        (M.MENTORING, M.LEGISLATIVE_DRAFTING),
        ALL_LANGUAGES[:5],
        "Financial Market Integrity Unit",
    ),
    # The United Nations Office on Drugs and Crime (Terrorism Prevention Branch).
    Programme(
        "unodc-legal",
        "unodc-tpb",
        "Global project on strengthening the legal regime against terrorism",
        "Legislative assistance for the ratification and incorporation of the international "
        "counter-terrorism instruments, and training on international cooperation.",
        ("legislation", "international-cooperation"),
        ("global",),
        D(2012, 1, 1),
        D(2014, 12, 31),
        B.OVER_1M,
        (M.LEGISLATIVE_DRAFTING, M.TRAINING),
        ALL_LANGUAGES,
        "Terrorism Prevention Branch",
    ),
    Programme(
        "unodc-sahel",
        "unodc-tpb",
        "Criminal justice responses to terrorism in the Sahel",
        "Training of investigators, prosecutors and judges in West Africa on terrorism cases "
        "and mutual legal assistance.",
        ("police-prosecutors", "international-cooperation"),
        ("s:011",),
        D(2012, 6, 1),
        D(2014, 5, 31),
        B.FROM_500K,
        (M.TRAINING, M.MENTORING),
        ("fr", "en"),
        "Terrorism Prevention Branch",
    ),
    Programme(
        "unodc-pilot",
        "unodc-tpb",
        "Counter-terrorism legal training curriculum: 2012 pilot",
        "Pilot of the modules of the counter-terrorism legal training curriculum in four "
        "States of Southern Asia.",
        ("legislation", "police-prosecutors"),
        ("s:034",),
        D(2012, 1, 1),
        D(2012, 12, 31),
        B.UNDER_100K,
        (M.TRAINING,),
        ("en",),
        "Terrorism Prevention Branch",
        closed=True,
    ),
    # International, regional and subregional organisations.
    Programme(
        "interpol-i247",
        "interpol",
        "Extending I-24/7 to border posts",
        "Connection of border posts to INTERPOL's databases of wanted persons and stolen and "
        "lost travel documents, with training of their officers.",
        ("border-control", "law-enforcement"),
        ("global",),
        D(2012, 3, 1),
        D(2014, 2, 28),
        B.OVER_1M,
        (M.EQUIPMENT, M.TRAINING),
        ("en", "fr", "es", "ar"),
        "Capacity Building and Training Directorate",
    ),
    Programme(
        "wco-cash",
        "wco",
        "Detecting cash couriers",
        "Training of customs officers in profiling, detecting and seizing undeclared cash and "
        "bearer negotiable instruments.",
        ("cash-couriers",),
        ("global",),
        D(2012, 9, 1),
        D(2014, 8, 31),
        B.FROM_100K,
        (M.TRAINING,),
        ("en", "fr", "es", "ru", "ar"),
        "Capacity Building Directorate",
    ),
    Programme(
        "ohchr-training",
        "ohchr",
        "Human rights and counter-terrorism: training of trainers",
        "Training of trainers of law-enforcement academies on human rights standards in "
        "terrorism investigations and detention.",
        ("human-rights",),
        ("global",),
        D(2013, 1, 1),
        D(2014, 12, 31),
        B.UNDER_100K,
        (M.TRAINING,),
        ALL_LANGUAGES,
        "Rule of Law and Democracy Section",
    ),
    Programme(
        "osce-travel-documents",
        "osce",
        "Travel document security in Central Asia and Eastern Europe",
        "Forensic document examination training and equipment for border checkpoints.",
        ("border-control",),
        ("s:143", "s:151"),
        D(2012, 5, 1),
        D(2014, 4, 30),
        B.FROM_500K,
        (M.TRAINING, M.EQUIPMENT),
        ("ru", "en"),
        "Transnational Threats Department, Action against Terrorism Unit",
    ),
    Programme(
        "coe-convention",
        "coe",
        "Legal advice on the Convention on the Prevention of Terrorism",
        "Review of criminal codes against the Council of Europe Convention on the Prevention "
        "of Terrorism, including public provocation and its limits under freedom of expression.",
        ("legislation", "incitement-1624", "human-rights"),
        ("r:150",),
        D(2012, 1, 1),
        D(2013, 12, 31),
        B.UNDER_100K,
        (M.LEGISLATIVE_DRAFTING,),
        ("en", "fr", "ru"),
        "Counter-Terrorism Division",
    ),
    Programme(
        "au-strategies",
        "au",
        "National counter-terrorism strategies in Africa",
        "Support of the African Centre for the Study and Research on Terrorism to States "
        "drafting integrated national strategies.",
        ("integrated-strategies", "subregional-cooperation"),
        ("r:002",),
        D(2012, 6, 1),
        D(2014, 12, 31),
        B.FROM_100K,
        (M.MENTORING, M.TRAINING),
        ("en", "fr", "ar"),
        "African Centre for the Study and Research on Terrorism",
    ),
    Programme(
        "oas-documents",
        "oas-cicte",
        "Document security and fraud prevention in the Americas",
        "Workshops for immigration and border officers on detecting fraudulent travel documents.",
        ("border-control",),
        ("r:019",),
        D(2012, 3, 1),
        D(2014, 2, 28),
        B.FROM_100K,
        (M.TRAINING,),
        ("es", "en", "fr"),
        "CICTE Secretariat",
    ),
    Programme(
        "asean-convention",
        "asean",
        "Implementing the ASEAN Convention on Counter Terrorism",
        "Workshops on mutual legal assistance, extradition and the exchange of information "
        "among ASEAN member States.",
        ("international-cooperation", "subregional-cooperation", "legislation"),
        ("s:035",),
        D(2013, 1, 1),
        D(2014, 12, 31),
        B.UNDER_100K,
        (M.TRAINING,),
        ("en",),
        "Security Cooperation Division",
    ),
    Programme(
        "ecowas-strategy",
        "ecowas",
        "ECOWAS counter-terrorism strategy implementation",
        "Advice to ECOWAS member States on national plans under the regional counter-terrorism "
        "strategy, and a regional arrest warrant.",
        ("integrated-strategies", "subregional-cooperation", "international-cooperation"),
        ("s:011",),
        D(2013, 1, 1),
        D(2014, 12, 31),
        B.FROM_100K,
        (M.MENTORING, M.LEGISLATIVE_DRAFTING),
        ("en", "fr"),
        "Directorate of Political Affairs",
    ),
    Programme(
        "igad-security",
        "igad",
        "IGAD security sector programme: police and prosecutors",
        "Training of police and prosecutors of the Horn of Africa on terrorism investigations "
        "and cross-border cooperation.",
        ("police-prosecutors", "international-cooperation"),
        ("s:014",),
        D(2012, 1, 1),
        D(2014, 6, 30),
        B.FROM_100K,
        (M.TRAINING,),
        ("en", "ar"),
        "IGAD Security Sector Program",
    ),
]

NEEDS = [
    # Oceania
    Wanted(
        "png-law",
        "PNG",
        "legislation",
        P.HIGH,
        SRC.STATE_REQUEST,
        "Drafting of a counter-terrorism act criminalising the offences of the international "
        "counter-terrorism instruments.",
        (D(2012, 6, 1), D(2013, 12, 31)),
    ),
    Wanted(
        "fji-cft",
        "FJI",
        "cft",
        P.MEDIUM,
        SRC.STATE_REQUEST,
        "Legal advice on a procedure to freeze terrorists' assets without delay under "
        "resolution 1373 (2001).",
        (D(2013, 1, 1), D(2013, 12, 31)),
    ),
    Wanted(
        "slb-border",
        "SLB",
        "border-control",
        P.LOW,
        SRC.ANALYSIS,
        "Passenger screening equipment and training for the international airport at Honiara.",
        (D(2013, 6, 1), D(2014, 6, 30)),
        shared=None,
    ),
    Wanted(
        "wsm-npo",
        "WSM",
        "npo-financing",
        P.LOW,
        SRC.ANALYSIS,
        "Risk assessment of the charitable sector and outreach to non-profit organisations on "
        "terrorist-financing risks.",
        (D(2013, 1, 1), D(2014, 12, 31)),
    ),
    # Americas
    Wanted(
        "jam-cash",
        "JAM",
        "cash-couriers",
        P.HIGH,
        SRC.STATE_REQUEST,
        "Training of customs officers at Kingston and Montego Bay in detecting undeclared cash "
        "and bearer negotiable instruments.",
        (D(2012, 10, 1), D(2013, 9, 30)),
    ),
    Wanted(
        "tto-cft",
        "TTO",
        "cft",
        P.MEDIUM,
        SRC.STATE_REQUEST,
        "Mentoring of the financial intelligence unit's analysts in terrorism-financing cases.",
        (D(2012, 6, 1), D(2013, 12, 31)),
    ),
    Wanted(
        "gtm-law",
        "GTM",
        "legislation",
        P.HIGH,
        SRC.STATE_REQUEST,
        "Drafting of amendments to the Criminal Code criminalising the financing of terrorism "
        "as an autonomous offence.",
        (D(2012, 9, 1), D(2013, 8, 31)),
    ),
    Wanted(
        "pan-border",
        "PAN",
        "border-control",
        P.MEDIUM,
        SRC.ANALYSIS,
        "Training of immigration officers at Tocumen airport in detecting fraudulent travel "
        "documents.",
        (D(2012, 6, 1), D(2013, 6, 30)),
    ),
    Wanted(
        "hnd-police",
        "HND",
        "police-prosecutors",
        P.MEDIUM,
        SRC.STATE_REQUEST,
        "Training of prosecutors in handling financial-intelligence evidence in "
        "terrorism-financing cases.",
        (D(2013, 1, 1), D(2014, 6, 30)),
        shared=False,
    ),
    Wanted(
        "per-intl",
        "PER",
        "international-cooperation",
        P.LOW,
        SRC.ANALYSIS,
        "A manual for the central authority on mutual legal assistance requests in terrorism "
        "cases.",
        (D(2013, 3, 1), D(2014, 2, 28)),
    ),
    Wanted(
        "pry-sub",
        "PRY",
        "subregional-cooperation",
        P.MEDIUM,
        SRC.ANALYSIS,
        "Joint border patrols and information exchange with Argentina and Brazil in the "
        "tri-border area.",
        (D(2013, 1, 1), D(2014, 12, 31)),
    ),
    # Europe
    Wanted(
        "ukr-incitement",
        "UKR",
        "incitement-1624",
        P.LOW,
        SRC.ANALYSIS,
        "Review of the Criminal Code's provisions on public provocation to commit terrorist "
        "offences against freedom of expression.",
        (D(2012, 9, 1), D(2013, 12, 31)),
    ),
    Wanted(
        "mda-border",
        "MDA",
        "border-control",
        P.MEDIUM,
        SRC.STATE_REQUEST,
        "Forensic document examination equipment for the border police at Chisinau airport.",
        (D(2012, 9, 1), D(2013, 8, 31)),
    ),
    Wanted(
        "alb-law",
        "ALB",
        "legislation",
        P.MEDIUM,
        SRC.STATE_REQUEST,
        "Legal review of the draft law on the prevention of terrorism against the Council of "
        "Europe Convention.",
        (D(2012, 3, 1), D(2012, 12, 31)),
    ),
    Wanted(
        "bih-strategy",
        "BIH",
        "integrated-strategies",
        P.LOW,
        SRC.ANALYSIS,
        "Updating the national counter-terrorism strategy with the entities' and Brcko "
        "District's authorities.",
        (D(2013, 1, 1), D(2014, 12, 31)),
        shared=None,
    ),
    # Asia
    Wanted(
        "kgz-border",
        "KGZ",
        "border-control",
        P.HIGH,
        SRC.STATE_REQUEST,
        "Document-examination kits and training for border checkpoints on the borders with "
        "Tajikistan and Uzbekistan.",
        (D(2012, 9, 1), D(2013, 12, 31)),
    ),
    Wanted(
        "tjk-law-enforcement",
        "TJK",
        "law-enforcement",
        P.MEDIUM,
        SRC.STATE_REQUEST,
        "Training of investigators in the use of special investigative techniques in "
        "terrorism cases.",
        (D(2013, 1, 1), D(2014, 6, 30)),
        shared=False,
    ),
    Wanted(
        "bgd-cft",
        "BGD",
        "cft",
        P.HIGH,
        SRC.STATE_REQUEST,
        "Mentoring of the financial intelligence unit in analysing suspicious-transaction "
        "reports linked to terrorism.",
        (D(2013, 1, 1), D(2014, 6, 30)),
    ),
    Wanted(
        "npl-law",
        "NPL",
        "legislation",
        P.MEDIUM,
        SRC.ANALYSIS,
        "Drafting of an anti-terrorism bill covering the offences of the international "
        "instruments Nepal has ratified.",
        (D(2012, 3, 1), D(2012, 12, 31)),
        withdrawn=True,
    ),
    Wanted(
        "lka-npo",
        "LKA",
        "npo-financing",
        P.MEDIUM,
        SRC.STATE_REQUEST,
        "Training of the registrar of non-governmental organisations in risk-based "
        "supervision of the sector.",
        (D(2013, 3, 1), D(2014, 3, 31)),
    ),
    Wanted(
        "mdv-police",
        "MDV",
        "police-prosecutors",
        P.LOW,
        SRC.ANALYSIS,
        "Training of prosecutors on terrorism cases under the new Penal Code.",
        (D(2012, 6, 1), D(2012, 12, 31)),
        withdrawn=True,
    ),
    Wanted(
        "phl-border",
        "PHL",
        "border-control",
        P.HIGH,
        SRC.STATE_REQUEST,
        "Screening of ferry passengers and cargo at the ports of Mindanao against watch lists.",
        (D(2012, 9, 1), D(2014, 6, 30)),
    ),
    Wanted(
        "phl-prosecutors",
        "PHL",
        "police-prosecutors",
        P.HIGH,
        SRC.STATE_REQUEST,
        "Mentoring of the prosecution team on terrorism cases using evidence gathered abroad.",
        (D(2013, 1, 1), D(2014, 6, 30)),
    ),
    Wanted(
        "khm-cash",
        "KHM",
        "cash-couriers",
        P.MEDIUM,
        SRC.ANALYSIS,
        "A declaration system for cash carried across the land borders with Thailand and "
        "Viet Nam, and training of customs officers.",
        (D(2013, 3, 1), D(2014, 6, 30)),
    ),
    Wanted(
        "khm-cft",
        "KHM",
        "cft",
        P.LOW,
        SRC.ANALYSIS,
        "Guidance for banks on reporting transactions suspected of financing terrorism.",
        (D(2013, 6, 1), D(2014, 6, 30)),
        shared=False,
    ),
    Wanted(
        "tha-sub",
        "THA",
        "subregional-cooperation",
        P.MEDIUM,
        SRC.STATE_REQUEST,
        "Exchange of information on terrorist suspects with Malaysia along the southern border.",
        (D(2013, 1, 1), D(2014, 6, 30)),
    ),
    Wanted(
        "irq-law-enforcement",
        "IRQ",
        "law-enforcement",
        P.HIGH,
        SRC.STATE_REQUEST,
        "Forensic training for investigators of explosive-device attacks.",
        (D(2012, 6, 1), D(2013, 12, 31)),
    ),
    Wanted(
        "yem-cft",
        "YEM",
        "cft",
        P.HIGH,
        SRC.STATE_REQUEST,
        "Setting up an operational financial intelligence unit with trained analysts.",
        (D(2012, 9, 1), D(2014, 6, 30)),
        shared=None,
    ),
    Wanted(
        "lbn-rights",
        "LBN",
        "human-rights",
        P.MEDIUM,
        SRC.ANALYSIS,
        "Training of the judicial police in the rights of terrorism suspects in custody.",
        (D(2013, 1, 1), D(2014, 6, 30)),
    ),
    Wanted(
        "mng-border",
        "MNG",
        "border-control",
        P.LOW,
        SRC.STATE_REQUEST,
        "X-ray screening of cargo at the Zamyn-Uud rail crossing.",
        (D(2013, 1, 1), D(2014, 3, 31)),
    ),
    # Africa
    Wanted(
        "nga-strategy",
        "NGA",
        "integrated-strategies",
        P.HIGH,
        SRC.STATE_REQUEST,
        "Drafting of a national counter-terrorism strategy coordinating the security "
        "services' roles.",
        (D(2012, 9, 1), D(2013, 12, 31)),
    ),
    Wanted(
        "mli-prosecutors",
        "MLI",
        "police-prosecutors",
        P.HIGH,
        SRC.STATE_REQUEST,
        "Training of the specialised judicial unit of Bamako on terrorism investigations.",
        (D(2012, 9, 1), D(2013, 12, 31)),
    ),
    Wanted(
        "ner-border",
        "NER",
        "border-control",
        P.HIGH,
        SRC.STATE_REQUEST,
        "Mobile patrol units and training for the border posts on the borders with Mali and Libya.",
        (D(2013, 1, 1), D(2014, 6, 30)),
    ),
    Wanted(
        "sen-strategy",
        "SEN",
        "integrated-strategies",
        P.MEDIUM,
        SRC.ANALYSIS,
        "A national counter-terrorism coordination body and its action plan.",
        (D(2013, 3, 1), D(2014, 6, 30)),
    ),
    Wanted(
        "bfa-law-enforcement",
        "BFA",
        "law-enforcement",
        P.MEDIUM,
        SRC.STATE_REQUEST,
        "Training of the gendarmerie in intelligence-led policing in the northern provinces.",
        (D(2013, 1, 1), D(2014, 6, 30)),
    ),
    Wanted(
        "som-law-enforcement",
        "SOM",
        "law-enforcement",
        P.HIGH,
        SRC.STATE_REQUEST,
        "Basic investigation training for the police's counter-terrorism unit in Mogadishu.",
        (D(2013, 1, 1), D(2014, 3, 31)),
    ),
    Wanted(
        "eth-prosecutors",
        "ETH",
        "police-prosecutors",
        P.MEDIUM,
        SRC.ANALYSIS,
        "Training of federal prosecutors on terrorism cases with full fair-trial guarantees.",
        (D(2012, 9, 1), D(2013, 12, 31)),
    ),
    Wanted(
        "uga-intl",
        "UGA",
        "international-cooperation",
        P.MEDIUM,
        SRC.STATE_REQUEST,
        "Training of the central authority on extradition requests in terrorism cases.",
        (D(2013, 1, 1), D(2014, 6, 30)),
    ),
    Wanted(
        "tcd-sub",
        "TCD",
        "subregional-cooperation",
        P.LOW,
        SRC.ANALYSIS,
        "Joint border commission with Cameroon and Niger on movements of armed groups.",
        (D(2013, 6, 1), D(2014, 12, 31)),
    ),
    Wanted(
        "cmr-border",
        "CMR",
        "border-control",
        P.MEDIUM,
        SRC.STATE_REQUEST,
        "Connection of the northern border posts to INTERPOL's I-24/7 network.",
        (D(2013, 1, 1), D(2014, 6, 30)),
    ),
    Wanted(
        "bwa-cash",
        "BWA",
        "cash-couriers",
        P.LOW,
        SRC.ANALYSIS,
        "A currency declaration form and procedure at the land border crossings.",
        (D(2013, 1, 1), D(2014, 6, 30)),
    ),
    Wanted(
        "nam-npo",
        "NAM",
        "npo-financing",
        P.LOW,
        SRC.STATE_REQUEST,
        "Outreach to non-profit organisations on the new registration and reporting duties.",
        (D(2013, 6, 1), D(2014, 12, 31)),
    ),
    Wanted(
        "tun-rights",
        "TUN",
        "human-rights",
        P.HIGH,
        SRC.STATE_REQUEST,
        "Training of prison staff in handling terrorism detainees with respect for human rights.",
        (D(2012, 6, 1), D(2013, 12, 31)),
    ),
    Wanted(
        "dza-incitement",
        "DZA",
        "incitement-1624",
        P.MEDIUM,
        SRC.ANALYSIS,
        "Programmes with religious leaders and media countering incitement to terrorism.",
        (D(2013, 1, 1), D(2014, 6, 30)),
        shared=False,
    ),
    Wanted(
        "egy-intl",
        "EGY",
        "international-cooperation",
        P.LOW,
        SRC.ANALYSIS,
        "Training of judges on mutual legal assistance in terrorism cases.",
        (D(2012, 6, 1), D(2013, 6, 30)),
        shared=None,
    ),
    Wanted(
        "lby-border",
        "LBY",
        "border-control",
        P.HIGH,
        SRC.STATE_REQUEST,
        "Equipment and training to control the southern land borders.",
        (D(2012, 6, 1), D(2013, 12, 31)),
        withdrawn=True,
    ),
]

# The demo visits' and assessments' recommendations that became needs in one click:
# (State, year of the visit or cycle of the assessment).
FROM_VISITS = [
    ("KEN", 2012),
    ("MAR", 2012),
    ("IDN", 2012),
    ("COL", 2012),
    ("KAZ", 2012),
    ("TZA", 2013),
    ("JOR", 2013),
]
FROM_ASSESSMENTS = [("KEN", 2012), ("COL", 2012), ("MAR", 2012), ("BRA", 2012)]
# Needs from recommendations the State has not agreed to share: (State, thematic area).
NOT_SHARED = {("JOR", "human-rights"), ("KAZ", "integrated-strategies"), ("BRA", "border-control")}
# A need from a recommendation is named in PAIRINGS by "ISO3:thematic area", the visit's
# before the assessment's when both have one.

S = MatchStatus
PAIRINGS = [
    # The demo donor (Australia) answers and delivers its own.
    Pairing("png-law", "dfat-pacific-law", S.AGREED, donor=True),
    Pairing("fji-cft", "dfat-pacific-law", S.PROPOSED),
    Pairing("khm-cash", "dfat-cft-asia", S.CONTACTED),
    Pairing("bgd-cft", "dfat-cft-asia", S.PROPOSED),
    Pairing("phl-border", "dfat-sea-border", S.DELIVERING, donor=True),
    Pairing("phl-prosecutors", "dfat-prosecutors", S.DELIVERED, donor=True),
    Pairing(
        "IDN:cft",
        "dfat-cft-asia",
        S.EVALUATED,
        donor=True,
        outcome="The financial intelligence unit froze two accounts within 24 hours of "
        "listings in 2014, under the new regulation drafted with the mentors.",
        need_met=True,
    ),
    Pairing(
        "IDN:npo-financing",
        "dfat-cft-asia",
        S.DECLINED,
        donor=True,
        reason="The World Bank already covers the non-profit sector's risk assessment in "
        "Indonesia; we would duplicate it.",
    ),
    # Other providers, for which CTED records the steps.
    Pairing(
        "KEN:human-rights",
        "uk-east-africa",
        S.EVALUATED,
        outcome="Sixty prosecutors and judges trained in 2013; the first trials under the "
        "new rules met the fair-trial guarantees reviewed by the High Court.",
        need_met=True,
    ),
    Pairing("TZA:police-prosecutors", "uk-east-africa", S.DELIVERING),
    Pairing("som-law-enforcement", "uk-east-africa", S.CONTACTED),
    Pairing("ner-border", "us-sahel-border", S.AGREED),
    Pairing(
        "mli-prosecutors",
        "unodc-sahel",
        S.EVALUATED,
        outcome="Two courses held before the crisis of 2012; the unit's mentoring stopped "
        "when its staff were redeployed.",
        need_met=False,
    ),
    Pairing("KAZ:border-control", "osce-travel-documents", S.DELIVERED),
    Pairing(
        "kgz-border",
        "osce-travel-documents",
        S.DECLINED,
        reason="The OSCE's 2013 equipment budget for Central Asia is already committed.",
        declined_from=S.CONTACTED,
    ),
    Pairing("jam-cash", "wco-cash", S.DELIVERING),
    Pairing("gtm-law", "unodc-legal", S.AGREED),
    Pairing("ukr-incitement", "coe-convention", S.PROPOSED),
    Pairing(
        "COL:international-cooperation",
        "unodc-legal",
        S.EVALUATED,
        outcome="The central authority's manual and time limits were adopted; answers to "
        "requests now take three months instead of nine.",
        need_met=True,
    ),
    Pairing("sen-strategy", "ecowas-strategy", S.CONTACTED),
    Pairing(
        "eth-prosecutors",
        "igad-security",
        S.DECLINED,
        reason="IGAD's programme trains police only in 2013; prosecutors come in 2014.",
        declined_from=S.AGREED,
    ),
    Pairing("MAR:cft", "world-bank-fiu", S.DELIVERED),
    Pairing("tun-rights", "norway-rights", S.AGREED),
    Pairing(
        "lby-border",
        "interpol-i247",
        S.DECLINED,
        reason="The security situation does not allow the equipment to be installed.",
    ),
    # A need the State has not agreed to share: CTED may pair it, nobody approaches donors.
    Pairing("yem-cft", "world-bank-fiu", S.PROPOSED),
]
# The steps from "proposed" to each status, in order (a decline comes from `declined_from`).
PATH = [S.CONTACTED, S.AGREED, S.DELIVERING, S.DELIVERED, S.EVALUATED]


def _user(username: str) -> User | None:
    return User.objects.filter(username=username, is_active=True).first()


def _consent_reference(iso3: str, dated: datetime.date, n: int) -> str:
    return f"NV/{iso3}/{dated.year}/{n}"


def _offers_seed(users: dict) -> tuple[dict[str, Offer], int]:
    """The programmes by key; a donor's own are recorded by its demo account when it has
    one, the others by the CTED experts."""
    providers = {
        o.code: o for o in Organisation.objects.filter(code__in={p.provider for p in PROGRAMMES})
    }
    offers, made = {}, 0
    for n, programme in enumerate(PROGRAMMES):
        provider = providers.get(programme.provider)
        if provider is None:
            continue
        existing = Offer.objects.filter(provider=provider, title=programme.title).first()
        if existing is not None:
            offers[programme.key] = existing
            continue
        donor = users["donor"]
        by = (
            donor
            if donor is not None and donor.organisation_id == provider.pk
            else users["expert" if n % 2 else "expert2"]
        )
        where = programme.where
        offer = services.offer_create(
            provider=provider,
            by=by,
            title=programme.title,
            description=programme.description,
            thematic_areas=list(programme.areas),
            is_global="global" in where,
            regions=[w[2:] for w in where if w.startswith("r:")],
            subregions=[w[2:] for w in where if w.startswith("s:")],
            states=[w for w in where if len(w) == 3 and w != "global"],
            starts_on=programme.starts_on,
            ends_on=programme.ends_on,
            budget_band=programme.budget,
            delivery_modes=list(programme.modes),
            languages=list(programme.languages),
            contact_name=programme.contact,
            contact_email=f"{programme.key}@demo.ctc.invalid",
        )
        if programme.closed:
            offer = services.offer_close(offer=offer, by=by)
        offers[programme.key] = offer
        made += 1
    return offers, made


def _consent(need: Need, shared: bool | None, dated: datetime.date, n: int, by) -> Need:
    if shared is None:
        return need
    return services.need_consent_record(
        need=need,
        shared=shared,
        dated=dated,
        reference=_consent_reference(need.state.iso3, dated, n),
        by=by,
    )


def _wanted_seed(users: dict) -> tuple[dict[str, Need], set[str]]:
    """The needs CTED recorded at the State's request or from its analysis, and the keys
    of those made now."""
    states = {s.iso3: s for s in MemberState.objects.filter(iso3__in={w.iso3 for w in NEEDS})}
    areas = {a.code: a for a in ThematicArea.objects.all()}
    needs, made = {}, set()
    for n, wanted in enumerate(NEEDS):
        state, area = states.get(wanted.iso3), areas.get(wanted.area)
        if state is None or area is None:
            continue
        existing = Need.objects.filter(
            state=state, thematic_area=area, description=wanted.description
        ).first()
        if existing is not None:
            needs[wanted.key] = existing
            continue
        by = users["expert" if n % 3 else "expert2"]
        start, end = wanted.wanted or (None, None)
        need = services.need_create(
            state=state,
            thematic_area=area,
            description=wanted.description,
            priority=wanted.priority,
            source=wanted.source,
            wanted_from=start,
            wanted_until=end,
            by=by,
        )
        dated = (start or D(2013, 1, 1)) - datetime.timedelta(days=45)
        needs[wanted.key] = _consent(need, wanted.shared, dated, 10 + n, by)
        made.add(wanted.key)
    return needs, made


def _model(label: str):
    """Another domain app's model by its label (domain apps never import each other), or
    None when that app is not installed."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _recommendations() -> list[tuple]:
    """(recommendation, State, date of the State's answer on sharing, one-click maker) of
    the demo visits' and assessments' recommendations in FROM_VISITS and FROM_ASSESSMENTS."""
    found = []
    visit_recommendation = _model("visits.Recommendation")
    for iso3, year in FROM_VISITS if visit_recommendation else ():
        for rec in visit_recommendation.objects.filter(
            visit__state__iso3=iso3, visit__starts_on__year=year
        ).select_related("visit__state", "thematic_area"):
            dated = rec.visit.ends_on + datetime.timedelta(days=60)
            found.append((rec, iso3, dated, services.need_from_recommendation))
    priority_recommendation = _model("assessments.Recommendation")
    for iso3, cycle in FROM_ASSESSMENTS if priority_recommendation else ():
        for rec in priority_recommendation.objects.filter(
            assessment__state__iso3=iso3, assessment__cycle=cycle
        ).select_related("assessment__state", "thematic_area"):
            found.append((rec, iso3, D(cycle + 1, 2, 15), services.need_from_pia_recommendation))
    return found


def _recommended_seed(users: dict) -> tuple[dict[str, Need], int]:
    """The needs made in one click (the makers this app registers in ctc.registry) from the
    demo visits' and assessments' recommendations, most of them shared with donors."""
    found = _recommendations()
    needs, made = {}, 0
    for n, (rec, iso3, dated, maker) in enumerate(found):
        kind = ContentType.objects.get_for_model(rec)
        need = Need.objects.filter(source_type=kind, source_id=rec.pk).first()
        key = f"{iso3}:{rec.thematic_area.code}"
        if need is None:
            by = users["expert2" if n % 2 else "expert"]
            need = maker(rec, by)
            shared = (iso3, rec.thematic_area.code) not in NOT_SHARED
            need = _consent(need, shared, dated, 50 + n, by)
            made += 1
        needs.setdefault(key, need)
    return needs, made


def _acting(pairing: Pairing, offer: Offer, users: dict):
    """Who answers and delivers for the provider: its demo donor account, or CTED for it."""
    donor = users["donor"]
    if pairing.donor and donor is not None and donor.organisation_id == offer.provider_id:
        return donor
    return users["expert2"]


def _walk(match: Match, pairing: Pairing, users: dict) -> None:
    """Takes the match from "proposed" to `pairing.status`, each step by its actor."""
    provider = _acting(pairing, match.offer, users)
    target = pairing.declined_from if pairing.status == S.DECLINED else pairing.status
    for step in PATH[: PATH.index(target) + 1] if target in PATH else ():
        if step == S.CONTACTED:
            if pairing.donor and target != S.CONTACTED:
                continue  # the donor answers the proposal straight away
            match = match_services.match_contact(
                match=match, by=users["expert"], comment="Programme manager approached by e-mail."
            )
        elif step == S.AGREED:
            match = match_services.match_agree(
                match=match, by=provider, comment="The programme can take this on."
            )
        elif step == S.DELIVERING:
            match = match_services.match_start(match=match, by=provider)
        elif step == S.DELIVERED:
            match = match_services.match_deliver(
                match=match, by=provider, comment="Final activity held; report sent to CTED."
            )
        elif step == S.EVALUATED:
            match = match_services.match_evaluate(
                match=match,
                by=users["coordinator"],
                outcome=pairing.outcome,
                need_met=pairing.need_met,
            )
    if pairing.status == S.DECLINED:
        match_services.match_decline(match=match, by=provider, comment=pairing.reason)


def _pairings_seed(needs: dict[str, Need], offers: dict[str, Offer], users: dict) -> int:
    made = 0
    for n, pairing in enumerate(PAIRINGS):
        need, offer = needs.get(pairing.need), offers.get(pairing.offer)
        if need is None or offer is None or Match.objects.filter(need=need, offer=offer).exists():
            continue
        match = match_services.match_propose(
            need=need, offer=offer, by=users["coordinator" if n % 2 else "expert"]
        )
        _walk(match, pairing, users)
        made += 1
    return made


def _withdrawals(needs: dict[str, Need], made: set[str], users: dict) -> None:
    """Withdraws the needs made now that the plan withdraws, after their match was declined
    (a need already met stays met)."""
    for wanted in NEEDS:
        if wanted.withdrawn and wanted.key in made:
            need = Need.objects.get(pk=needs[wanted.key].pk)
            if need.status in (NeedStatus.OPEN, NeedStatus.MATCHED):
                services.need_withdraw(need=need, by=users["coordinator"])


@transaction.atomic
def assistance_demo_seed() -> int:
    """Returns how many needs, programmes and matches were made now (0 when the demo
    already has them), after one run of the matching job."""
    users = {name: _user(name) for name in ("expert", "expert2", "coordinator", "donor")}
    if None in (users["expert"], users["expert2"], users["coordinator"]):
        return 0
    offers, made_offers = _offers_seed(users)
    needs, made_needs = _wanted_seed(users)
    recommended, made_recommended = _recommended_seed(users)
    needs.update(recommended)
    made_matches = _pairings_seed(needs, offers, users)
    _withdrawals(needs, made_needs, users)
    made = made_offers + len(made_needs) + made_recommended + made_matches
    if made:
        # A run of the matching job as the coordinator starts it, so the matching page lists
        # it; run here, whatever the broker, for the demo needs its proposals now.
        job_run(matching.match_all_start(by=users["coordinator"]))
    return made
