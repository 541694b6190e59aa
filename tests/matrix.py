"""The site's surface, read from the code, and the permission matrix that must cover it.

Every route of the URL resolver and every operation of the OpenAPI schema, with each HTTP
method it accepts, needs at least one row (route, method, person, variant → status) or an
entry in EXEMPT. The expected set comes from the resolver, never from the table itself, so a
new route without a row fails the build (pretix's `src/tests/api/test_permissions.py`).
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

# Head follows GET, OPTIONS and TRACE are answered by the framework: no row of their own.
IMPLIED_METHODS = {"HEAD", "OPTIONS", "TRACE"}
# The view does not say which methods it takes; one row of any method covers it.
ANY = "*"
# A row for a route that needs no object (a list, a form, the home page).
NO_OBJECT = "none"

# Routes that need no row, each with the reason. "name:*" exempts a whole namespace.
EXEMPT = {
    # Django's admin has its own tests (tests/test_admin.py): staff only, by Django's rules.
    "admin:*": "Django admin, tested in tests/test_admin.py",
    # Operations and browser furniture: public by design, no person or object involved.
    "healthz": "health check for the load balancer, public by design (tests/public)",
    "favicon.ico": "redirect to a static file",
    "schema": "the OpenAPI document, public by design",
    "api-docs": "Swagger UI over the schema, public by design",
    # Signing in and out: they answer everyone the same way (tests/accounts).
    "accounts:login": "the sign-in form answers everyone (tests/accounts)",
    "accounts:logout": "signing out answers everyone (tests/accounts)",
    "api:token": "trades a password for a token, whoever asks (tests/accounts/test_api_auth.py)",
    "accounts_rotation:reveal": (
        "a rotation's reveal link: opened by its single-use token alone, the same for everyone "
        "signed in or not; unknown, used and expired tokens (tests/accounts/test_rotation.py)"
    ),
}


@dataclass(frozen=True)
class Route:
    """One pattern of the URL resolver."""

    name: str  # "assessments:detail"; an unnamed route by its pattern ("favicon.ico")
    pattern: str  # "en/assessments/<int:pk>/", with the active language's prefix
    methods: tuple[str, ...]  # ("GET", "POST"), or (ANY,) when the view does not say


@dataclass(frozen=True)
class Operation:
    """One operation of the OpenAPI schema, named by the route that serves it."""

    name: str  # "api:assessment-detail"
    path: str  # "/api/v1/assessments/{id}/"
    method: str  # "GET"
    operation_id: str

    @property
    def methods(self) -> tuple[str, ...]:
        return (self.method,)


@dataclass(frozen=True)
class Row:
    """What one person gets from one route, for one variant of its object."""

    route: str  # "assessments:detail"
    method: str  # "GET"
    who: str | None  # a persona key (a Role, or e.g. "sub_a"); None is anonymous
    variant: str  # the object's stage or ownership ("draft", "foreign_reply"), or NO_OBJECT
    expected: int  # the HTTP status

    @property
    def id(self) -> str:
        return f"{self.route}-{self.method}-{self.who or 'anonymous'}-{self.variant}"


@dataclass(frozen=True)
class Call:
    """One request as a real client sends it."""

    method: str
    path: str
    data: dict = field(default_factory=dict)
    content_type: str | None = None  # None: a query string (GET) or a form (POST)

    def send(self, client):
        extra = {"content_type": self.content_type} if self.content_type else {}
        return getattr(client, self.method.lower())(self.path, self.data, **extra)


class Matrix:
    """Rows, written as one small table per route and method."""

    def __init__(self):
        self.rows: list[Row] = []

    def add(self, route: str, method: str, variants: Sequence[str], table: Iterable[tuple]):
        """`table` holds (who, status for each variant, in order) tuples."""
        for who, *statuses in table:
            for variant, status in zip(variants, statuses, strict=True):
                self.rows.append(Row(route, method, who, variant, status))

    def params(self) -> list:
        return [pytest.param(row, id=row.id) for row in self.rows]

    def incomplete(self, people: Iterable[str | None]) -> list[tuple[str, str, str]]:
        """(route, method, variant) whose rows do not name exactly these people, each once."""
        wanted = sorted(map(str, people))
        seen: dict[tuple[str, str, str], list[str]] = {}
        for row in self.rows:
            seen.setdefault((row.route, row.method, row.variant), []).append(str(row.who))
        return sorted(key for key, who in seen.items() if sorted(who) != wanted)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)


def view_methods(callback) -> tuple[str, ...]:
    """The HTTP methods a view accepts: a class view's handlers, or the list given to
    require_http_methods (require_GET, require_POST) anywhere in its decorators."""
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view_class is not None:
        names = [m.upper() for m in view_class.http_method_names if hasattr(view_class, m)]
        return tuple(m for m in names if m not in IMPLIED_METHODS)
    func = callback
    while func is not None:
        code, cells = getattr(func, "__code__", None), getattr(func, "__closure__", None)
        if code is not None and cells:
            free = dict(zip(code.co_freevars, cells, strict=True))
            if "request_method_list" in free:
                listed = free["request_method_list"].cell_contents
                return tuple(m for m in listed if m not in IMPLIED_METHODS)
        func = getattr(func, "__wrapped__", None)
    return (ANY,)


def site_routes(urlconf=None) -> list[Route]:
    """Every route of the URL resolver, with its namespaced name and full pattern."""
    routes: list[Route] = []

    def walk(patterns, prefix: str, namespaces: tuple[str, ...]):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
                walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                pattern = prefix + str(entry.pattern)
                # An unnamed route (favicon.ico, admin's redirects) goes by its pattern.
                name = ":".join((*namespaces, entry.name or pattern))
                routes.append(Route(name, pattern, view_methods(entry.callback)))

    walk(get_resolver(urlconf).url_patterns, "", ())
    return routes


def api_operations(urlconf=None) -> list[Operation]:
    """Every operation of the OpenAPI schema (drf-spectacular), named by its route."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator(urlconf=urlconf).get_schema(request=None, public=True)
    operations = []
    for path, item in schema["paths"].items():
        # Any value fits the converters of our API paths ({id}, {code}, {iso3}).
        name = resolve(re.sub(r"\{[^}]+\}", "1", path), urlconf).view_name
        for method, operation in item.items():
            operations.append(Operation(name, path, method.upper(), operation["operationId"]))
    return operations


def is_exempt(name: str, exempt=EXEMPT) -> bool:
    return name in exempt or any(key.endswith(":*") and name.startswith(key[:-1]) for key in exempt)


def _covered(rows: Iterable[Row]) -> tuple[set[tuple[str, str]], set[str]]:
    rows = list(rows)
    return {(row.route, row.method) for row in rows}, {row.route for row in rows}


def missing_rows(rows: Iterable[Row], routes: Iterable, ignore=EXEMPT) -> list[tuple[str, str]]:
    """(route, method) of the site (Routes and Operations alike) that no row covers."""
    pairs, names = _covered(rows)
    missing = set()
    for route in routes:
        if is_exempt(route.name, ignore):
            continue
        for method in route.methods:
            if (method == ANY and route.name not in names) or (
                method != ANY and (route.name, method) not in pairs
            ):
                missing.add((route.name, method))
    return sorted(missing)


def unknown_rows(rows: Iterable[Row], routes: Iterable) -> list[tuple[str, str]]:
    """(route, method) of rows that the site does not have: a typo, or a route gone."""
    accepted = set()
    for route in routes:
        accepted |= {(route.name, method) for method in route.methods}
    return sorted(
        {
            (row.route, row.method)
            for row in rows
            if (row.route, row.method) not in accepted and (row.route, ANY) not in accepted
        }
    )
