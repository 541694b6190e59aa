"""What the site needs from each app, registered by the app in its AppConfig.ready().

`ctc/` never imports a domain app: the navigation, the landing page, `load_reference_data`,
`seed_demo`, the URL conf, the API root, beat's schedule, the kinds of notification and
the administrators' permissions read this registry instead. Adding an app touches only its
own folder and INSTALLED_APPS.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Predicate = Callable[[Any], bool]


@dataclass(frozen=True)
class NavEntry:
    """A link in the header, shown to the users for whom `visible(user)` is true."""

    key: str
    label: Any
    url_name: str
    visible: Predicate
    order: int = 100


@dataclass(frozen=True)
class LandingBlock:
    """A section of the landing page: `context(user)` returns None to stay hidden."""

    key: str
    template: str
    context: Callable[[Any], dict | None]
    order: int = 100


@dataclass(frozen=True)
class WaitingFile:
    """One file of a "waiting for you" group: its name, page, status label, since when it has
    been in that status, and when it is due (None where the reader may not see it)."""

    title: str
    url: str
    status: str
    since: datetime.datetime
    due: datetime.date | None = None
    overdue: bool = False


@dataclass(frozen=True)
class WaitingItem:
    """One group of "waiting for you": what, how many, where to see them all, and the first
    few files themselves (`files`, at most a page's worth; `count` says how many in all)."""

    label: str
    count: int
    url: str
    files: tuple[WaitingFile, ...] = ()


@dataclass(frozen=True)
class Step:
    """A named, ordered step of `load_reference_data` or `seed_demo`; returns a figure."""

    key: str
    label: Any
    run: Callable[[], Any]
    order: int = 100


@dataclass(frozen=True)
class NotificationKind:
    """A kind of notification an app sends (ctc.notifications): `render(params)` returns
    (subject, text) in the active language, from the JSON params stored with each
    notification, so a person reads them in their own language whoever caused them.

    `email` False: in-app only, for an event the app already tells by its own e-mail.
    """

    key: str
    label: Any
    render: Callable[[dict], tuple[str, str]]
    email: bool = True


@dataclass(frozen=True)
class FiledFile:
    """One language version of a document that an app files in the document area."""

    language: str
    filename: str
    content: bytes


@dataclass(frozen=True)
class DocumentFiling:
    """A document an app files and distributes to States through the document area
    (docs_tracker), e.g. the snapshot of an assessment sent to its State.

    `kind` and `classification` are values of docs_tracker's choices ("pia", "letter", …;
    "public", "restricted", "confidential"); `titles` maps languages to titles (English at
    least); `source` is the model instance the document records, so that a State's reply to
    it reaches that app's reply handler (Registry.reply_handlers). The recipients hear of
    the new document through the notifications unless `notify` is False.
    """

    kind: str
    symbol: str
    titles: dict
    files: tuple[FiledFile, ...]
    classification: str
    states: tuple
    by: Any
    source: Any = None
    # False when the filing app tells the recipients itself (its own, more specific message).
    notify: bool = True
    # The State the document is about when `states` is empty (filed, not distributed): the
    # document area's scope then follows that State's, as for one filed and distributed to it.
    state: Any = None
    # The Committee's own copy (internal notes): the document area never distributes it.
    committee_only: bool = False


@dataclass(frozen=True)
class GrantView:
    """A page of the shared database that a partner reads under an access grant (E-20).

    `scope` is a value of ctc.organisations' GrantScope ("state_profiles", "visit_schedule",
    "assistance_needs"); the page itself refuses (404) a reader without that grant in force
    (ctc.organisations.http.grant_required). The partner's secure-area home lists the pages
    of the scopes their organisation holds.
    """

    key: str
    scope: str
    label: Any
    url_name: str
    order: int = 100


@dataclass(frozen=True)
class FiledDocument:
    """A document of the document area as another app lists it: a document filed with that
    app's record as its source, or a State's reply to one (`reply` True)."""

    title: str
    url: str
    at: datetime.datetime
    reply: bool = False


@dataclass(frozen=True)
class TimelineEntry:
    """One event of a State's timeline: when, which kind (a TimelineSource's key), what, and
    the page that shows it ("" where there is none for the reader). `at`, the moment, where
    the event has one: it orders the events of one day."""

    date: datetime.date
    kind: str
    title: str
    url: str = ""
    detail: str = ""
    at: datetime.datetime | None = None
    # The page that corrects the event, for a reader who may ("" otherwise).
    edit_url: str = ""

    def sort_key(self) -> tuple[datetime.date, float]:
        # Events known only by their day come after that day's timed events (newest first).
        return (self.date, self.at.timestamp() if self.at else float("-inf"))


@dataclass(frozen=True)
class TimelineSource:
    """A kind of event of a State's timeline: `entries(state, user)` returns that kind's
    TimelineEntry items about the State that `user` may see, in a bounded number of queries."""

    key: str
    label: Any
    entries: Callable[[Any, Any], list[TimelineEntry]]
    order: int = 100


@dataclass(frozen=True)
class DashboardPanel:
    """A panel of the Committee dashboard: `context(user)` returns None to stay hidden."""

    key: str
    template: str
    context: Callable[[Any], dict | None]
    order: int = 100


@dataclass(frozen=True)
class Routes:
    """URL patterns an app adds: pages under the language prefix, or API routes.

    `index` names, for the API root, the list endpoints of an API urlconf (label → url name).
    """

    prefix: str
    urlconf: str
    index: dict = field(default_factory=dict)


@dataclass
class Registry:
    nav: dict[str, NavEntry] = field(default_factory=dict)
    # Links in the public site's header (no sign-in): `visible` receives the anonymous user.
    public_nav: dict[str, NavEntry] = field(default_factory=dict)
    landing: dict[str, LandingBlock] = field(default_factory=dict)
    timeline: dict[str, TimelineSource] = field(default_factory=dict)
    dashboard: dict[str, DashboardPanel] = field(default_factory=dict)
    # Sections of the public home page (latest news, publications…); context(user) as landing.
    public_home: dict[str, LandingBlock] = field(default_factory=dict)
    waiting: dict[str, Callable[[Any], list[WaitingItem]]] = field(default_factory=dict)
    reference_loaders: dict[str, Step] = field(default_factory=dict)
    demo_seeders: dict[str, Step] = field(default_factory=dict)
    pages: dict[str, Routes] = field(default_factory=dict)
    api: dict[str, Routes] = field(default_factory=dict)
    admin_apps: list[str] = field(default_factory=list)
    # Periodic tasks as data ({"name", "task", "crontab": {...}, "kwargs"?}), written into
    # django-celery-beat's tables by the "beat schedules" reference loader (ctc.jobs).
    beat: dict[str, dict] = field(default_factory=dict)
    notification_kinds: dict[str, NotificationKind] = field(default_factory=dict)
    # Set by the document area: files a DocumentFiling, returns the new document's id.
    document_filer: Callable[[DocumentFiling], int] | None = None
    # "app_label.model" of a document's source → handler(source, by), called by the document
    # area inside the transaction that files a State's reply to that document; a handler
    # refuses the reply by raising ValidationError (the reply is then not filed).
    reply_handlers: dict[str, Callable[[Any, Any], None]] = field(default_factory=dict)
    grant_views: dict[str, GrantView] = field(default_factory=dict)
    # Set by the document area: lister(source, user) → the FiledDocuments of that source
    # (and the replies to them) that `user` may open, oldest first.
    document_lister: Callable[[Any, Any], list[FiledDocument]] | None = None
    # Set by the assistance app: maker(recommendation, by) → the technical-assistance need
    # recorded from a visit's recommendation. None while no assistance app is installed.
    need_from_recommendation: Callable[[Any, Any], Any] | None = None
    # Set by the assistance app: maker(recommendation, by) → the need recorded from an
    # assessment's priority recommendation. None while no assistance app is installed.
    need_from_pia_recommendation: Callable[[Any, Any], Any] | None = None

    # Registration is keyed, so a second ready() (tests reload apps) replaces, never doubles.
    def add_nav(self, entry: NavEntry) -> None:
        self.nav[entry.key] = entry

    def add_public_nav(self, entry: NavEntry) -> None:
        self.public_nav[entry.key] = entry

    def add_landing(self, block: LandingBlock) -> None:
        self.landing[block.key] = block

    def add_timeline(self, source: TimelineSource) -> None:
        self.timeline[source.key] = source

    def add_dashboard_panel(self, panel: DashboardPanel) -> None:
        self.dashboard[panel.key] = panel

    def add_public_home(self, block: LandingBlock) -> None:
        self.public_home[block.key] = block

    def add_waiting(self, key: str, items: Callable[[Any], list[WaitingItem]]) -> None:
        self.waiting[key] = items

    def add_reference_loader(self, step: Step) -> None:
        self.reference_loaders[step.key] = step

    def add_demo_seeder(self, step: Step) -> None:
        self.demo_seeders[step.key] = step

    def add_pages(self, key: str, prefix: str, urlconf: str) -> None:
        self.pages[key] = Routes(prefix, urlconf)

    def add_api(self, key: str, urlconf: str, index: dict[str, str]) -> None:
        self.api[key] = Routes("", urlconf, index)

    def add_beat(self, entry: dict) -> None:
        self.beat[entry["name"]] = entry

    def add_notification_kind(self, kind: NotificationKind) -> None:
        self.notification_kinds[kind.key] = kind

    def set_document_filer(self, filer: Callable[[DocumentFiling], int]) -> None:
        self.document_filer = filer

    def set_document_lister(self, lister: Callable[[Any, Any], list[FiledDocument]]) -> None:
        self.document_lister = lister

    def set_need_from_recommendation(self, maker: Callable[[Any, Any], Any]) -> None:
        self.need_from_recommendation = maker

    def set_need_from_pia_recommendation(self, maker: Callable[[Any, Any], Any]) -> None:
        self.need_from_pia_recommendation = maker

    def add_reply_handler(self, model_label: str, handler: Callable[[Any, Any], None]) -> None:
        self.reply_handlers[model_label] = handler

    def add_grant_view(self, view: GrantView) -> None:
        self.grant_views[view.key] = view

    def add_admin_app(self, label: str) -> None:
        if label not in self.admin_apps:
            self.admin_apps.append(label)

    # --- Reads --------------------------------------------------------------------------

    def nav_for(self, user) -> list[NavEntry]:
        return [e for e in sorted(self.nav.values(), key=_order) if e.visible(user)]

    def public_nav_for(self, user) -> list[NavEntry]:
        return [e for e in sorted(self.public_nav.values(), key=_order) if e.visible(user)]

    def landing_for(self, user) -> list[tuple[str, dict]]:
        return _blocks(self.landing, user)

    def public_home_for(self, user) -> list[tuple[str, dict]]:
        return _blocks(self.public_home, user)

    def timeline_kinds(self) -> list[TimelineSource]:
        return sorted(self.timeline.values(), key=_order)

    def timeline_for(self, state, user, kinds=None) -> list[TimelineEntry]:
        """The State's events of the given kinds (every kind when None) that `user` may see,
        newest first; within a day, by their moment, then in the sources' order."""
        entries = [
            entry
            for source in self.timeline_kinds()
            if kinds is None or source.key in kinds
            for entry in source.entries(state, user)
        ]
        # Stable: two events of one moment keep their source's order.
        return sorted(entries, key=TimelineEntry.sort_key, reverse=True)

    def dashboard_for(self, user) -> list[tuple[str, dict]]:
        panels = []
        for panel in sorted(self.dashboard.values(), key=_order):
            context = panel.context(user)
            if context is not None:
                panels.append((panel.template, context))
        return panels

    def waiting_for(self, user) -> list[WaitingItem]:
        return [item for items in self.waiting.values() for item in items(user) if item.count]

    def grant_views_for(self, scopes) -> list[GrantView]:
        """The grant-gated pages of the given scopes, in order."""
        views = self.grant_views.values()
        return [v for v in sorted(views, key=_order) if v.scope in scopes]

    def file_document(self, filing: DocumentFiling) -> int:
        """Files a document through the document area (call inside the caller's transaction)."""
        if self.document_filer is None:
            raise RuntimeError("No document area is installed to file documents.")
        return self.document_filer(filing)

    def documents_for(self, source, *, user) -> list[FiledDocument]:
        """The documents filed for `source` and the replies to them that `user` may open;
        none without a document area."""
        if self.document_lister is None:
            return []
        return self.document_lister(source, user)

    def ordered(self, steps: dict[str, Step]) -> list[Step]:
        return sorted(steps.values(), key=_order)


def _order(item) -> tuple[int, str]:
    return (item.order, item.key)


def _blocks(blocks: dict[str, LandingBlock], user) -> list[tuple[str, dict]]:
    """(template, context) of each block shown to `user`, in order."""
    shown = []
    for block in sorted(blocks.values(), key=_order):
        context = block.context(user)
        if context is not None:
            shown.append((block.template, context))
    return shown


site = Registry()
