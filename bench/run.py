"""`make bench`: the workspace's speed on a realistic data set, as ratios measured in one run.

    .venv/bin/python bench/run.py [--size 2000] [--visits N] [--rounds 30] [--jobs 3] [--rebuild]

1. Builds the data set in PostgreSQL through the services (bench/build.py), once per size:
   the database (BENCH_DATABASE_URL's name + "_<size>", e.g. ctc_bench_2000) keeps it, and a
   later run reuses it unless the bench's builder, the migrations or the write code changed.
   The visits (bench/build_visits.py) are built on top as a second stage with its own
   fingerprint: the assessments alone are kept in a copy (name + "_base"), so a change of
   the visits' builder or write code rebuilds the visits only.
2. Serves it with gunicorn (gunicorn.conf.py, two workers) on a free loopback port.
3. Asks every page and API list of bench/pages.py as the person who would (logged in through
   the login form), in interleaved rounds after a warm-up, together with the floor (/healthz,
   the anonymous login page) and the Django admin changelist of assessments; times saves of
   a finding; counts queries per page in-process; measures stored bytes per save.
4. Prints the table and rewrites bench/RESULTS.md.

Loopback only, a fixed number of requests, each with a timeout; never part of `make test`.
The bench may drop and re-create its own databases (only those carrying its marker table).
"""

import argparse
import contextlib
import datetime
import hashlib
import os
import platform
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/ctc_bench"
PASSWORD = "bench-password-not-secret"  # the bench databases' accounts only
MARKER = "bench_dataset"
WARMUP = 3
# Whatever changes the built data: then the cached data set is built again.
FINGERPRINTED = [
    "bench/build.py",
    "bench/text.py",
    "assessments/services.py",
    "ctc/revisions/versions.py",
    "assessments/data/pia-2012.json",
    "assessments/data/pia-2013.json",
]
# Whatever changes the visits built on top of them: then only the visits are built again.
VISITS_FINGERPRINTED = [
    "bench/build_visits.py",
    "bench/text.py",
    "visits/services.py",
    "visits/follow_up_services.py",
    "visits/report_services.py",
]
VISITS_MARKER = "bench_dataset_visits"
BASE_SUFFIX = "_base"  # the database of the assessments alone, copied before the visits


def main() -> int:
    args = _arguments()
    url = database_url(os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL, args.size)
    env = _environment(url)
    os.environ.update(env)
    for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHE_URL"):
        os.environ.pop(name, None)
    # A stop (Ctrl-C, kill) still runs the `finally` blocks that stop gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    print(f"Bench: {args.size} assessments in {_redact(url)}")
    fingerprint = data_fingerprint(args.size)
    must_build = prepare_database(url, fingerprint, args.size, rebuild=args.rebuild)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if must_build:
        with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):
            call_command("load_reference_data")
    _people()
    if must_build:
        seconds = _build(args.size, args.jobs)
        _mark_built(url, fingerprint, args.size, seconds, args.jobs)
    from bench.build_visits import visit_count

    visits = args.visits if args.visits is not None else visit_count(args.size)
    visits_print = visits_fingerprint(fingerprint, visits)
    if prepare_visits(url, visits_print):
        call_command("migrate", interactive=False, verbosity=0)  # the copy may predate one
        _people()
        seconds, count = _build_visits(visits, args.jobs)
        _mark_visits_built(url, visits_print, count, seconds, args.jobs)
    built = _marker(url)
    built["visits"] = _visits_marker(url)
    call_command("collectstatic", interactive=False, verbosity=0)

    from django.test.utils import setup_test_environment

    from bench import pages as bench_pages

    setup_test_environment()
    pages, saves = bench_pages.all_pages()
    print(f"Counting queries of {len(pages)} pages in-process")
    queries = count_queries(pages)
    save_queries = [count_save_queries(save) for save in saves]

    print(f"Serving with gunicorn; {WARMUP} warm-up + {args.rounds} rounds of every page")
    from bench.serve import Session, gunicorn

    load = os.getloadavg()
    with gunicorn(dict(os.environ), workers=2) as port:
        sessions = {"": Session(port)}
        for page in [*pages, *saves]:
            if page.user and page.user not in sessions:
                sessions[page.user] = Session(port)
                sessions[page.user].login(page.user, PASSWORD, code=_code_of(page.user))
        before = table_sizes()
        timings, saved = measure(pages, saves, sessions, args.rounds)
        after = table_sizes()
    load = (*load, *os.getloadavg())
    for save, counts in zip(saves, save_queries, strict=True):
        counts.append(count_save_queries(save)[0])

    from bench import report

    rows = report.rows(pages, saves, timings, queries, save_queries, before, after, saved)
    context = report.Context(
        size=args.size,
        rounds=args.rounds,
        warmup=WARMUP,
        built=built,
        machine=machine(load),
        data=data_size(),
        commit=_commit(),
    )
    print()
    print(report.table(rows))
    print()
    print(report.verdicts(rows))
    (ROOT / "bench" / "RESULTS.md").write_text(report.markdown(rows, context))
    print("\nWritten: bench/RESULTS.md")
    return 0


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=2000, help="assessments (default 2000)")
    parser.add_argument(
        "--visits", type=int, default=None, help="visits (default: a fifth of --size)"
    )
    parser.add_argument("--rounds", type=int, default=30, help="timed requests per page")
    parser.add_argument(
        "--jobs", type=int, default=(os.cpu_count() or 1) + 1, help="build processes"
    )
    parser.add_argument("--rebuild", action="store_true", help="build the data set again")
    args = parser.parse_args()
    if args.size < 1 or args.rounds < 5 or args.jobs < 1 or (args.visits or 1) < 1:
        parser.error("--size ≥ 1, --visits ≥ 1, --rounds ≥ 5 and --jobs ≥ 1")
    return args


def database_url(base: str, size: int) -> str:
    """Each size in its own database: the name of BENCH_DATABASE_URL + "_<size>"."""
    parts = urlsplit(base)
    name = parts.path.lstrip("/") or "ctc_bench"
    return urlunsplit(parts._replace(path=f"/{name}_{size}"))


def _redact(url: str) -> str:
    return re.sub(r"//([^:@/]+):[^@/]+@", r"//\1:***@", url)


def _environment(url: str) -> dict:
    """Production settings on loopback: no debug, no HTTPS redirect, tasks in-process,
    mail kept in memory, uploads (the States' replies) in a temporary folder."""
    media = Path(tempfile.gettempdir()) / f"ctc-bench-media-{urlsplit(url).path.lstrip('/')}"
    return {
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "ctc.settings.base",
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_MEDIA_ROOT": str(media),
        "DJANGO_LOG_LEVEL": "WARNING",
        "DEMO_PASSWORD": PASSWORD,
    }


# --- The database and its data set ------------------------------------------------------


def data_fingerprint(size: int) -> str:
    digest = hashlib.sha256(str(size).encode())
    paths = [ROOT / p for p in FINGERPRINTED]
    paths += sorted(
        p
        for p in ROOT.glob("*/**/migrations/[0-9]*.py")
        if not any(part.startswith(".") or part == "mutants" for part in p.relative_to(ROOT).parts)
    )
    for path in paths:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()[:16]


def _connect(url: str, **kwargs):
    return psycopg.connect(url, autocommit=True, **kwargs)


def _marker(url: str) -> dict | None:
    with _connect(url) as conn:
        exists = conn.execute("SELECT to_regclass(%s)", [MARKER]).fetchone()[0]
        if not exists:
            return None
        row = conn.execute(
            f"SELECT size, fingerprint, state, built_at, build_seconds, jobs FROM {MARKER}"
        ).fetchone()
    keys = ["size", "fingerprint", "state", "built_at", "build_seconds", "jobs"]
    return dict(zip(keys, row, strict=True)) if row else None


def prepare_database(url: str, fingerprint: str, size: int, *, rebuild: bool) -> bool:
    """Returns whether the data set must be built; if so, the database is new and empty."""
    name = urlsplit(url).path.lstrip("/")
    server = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with _connect(server) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            marker = _marker(url)
            if marker is None and _table_count(url):
                raise SystemExit(
                    f"{name} exists and is not a bench database (no {MARKER} table): "
                    "choose another BENCH_DATABASE_URL."
                )
            current = marker and (marker["state"], marker["size"], marker["fingerprint"])
            if not rebuild and current == ("built", size, fingerprint):
                print(f"Data set cached in {name} (built {marker['built_at']:%Y-%m-%d %H:%M})")
                return False
            reason = "--rebuild" if rebuild else "the data set is missing or out of date"
            print(f"Dropping {name}: {reason}")
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            # Its copy of the assessments alone (made from it, so it carries the marker).
            admin.execute(f'DROP DATABASE IF EXISTS "{name}{BASE_SUFFIX}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    with _connect(url) as conn:
        conn.execute(
            f"CREATE TABLE {MARKER} (size integer, fingerprint text, state text,"
            " built_at timestamptz, build_seconds double precision, jobs integer)"
        )
        conn.execute(
            f"INSERT INTO {MARKER} VALUES (%s, %s, 'building', now(), NULL, NULL)",
            [size, fingerprint],
        )
    return True


def _table_count(url: str) -> int:
    with _connect(url) as conn:
        query = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        return conn.execute(query).fetchone()[0]


def _mark_built(url, fingerprint, size, seconds, jobs) -> None:
    with _connect(url) as conn:
        conn.execute(
            f"UPDATE {MARKER} SET state = 'built', built_at = now(), build_seconds = %s,"
            " jobs = %s WHERE fingerprint = %s AND size = %s",
            [seconds, jobs, fingerprint, size],
        )


def visits_fingerprint(base: str, count: int) -> str:
    """The visits' data depends on the assessments' data set under them, on their number and
    on their code."""
    digest = hashlib.sha256(f"{base}:{count}".encode())
    for path in [ROOT / p for p in VISITS_FINGERPRINTED]:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()[:16]


def _visits_marker(url: str) -> dict | None:
    with _connect(url) as conn:
        if not conn.execute("SELECT to_regclass(%s)", [VISITS_MARKER]).fetchone()[0]:
            return None
        row = conn.execute(
            f"SELECT fingerprint, visits, built_at, build_seconds, jobs FROM {VISITS_MARKER}"
        ).fetchone()
    keys = ["fingerprint", "visits", "built_at", "build_seconds", "jobs"]
    return dict(zip(keys, row, strict=True)) if row else None


def prepare_visits(url: str, fingerprint: str) -> bool:
    """Whether the visits must be built. If so, the database holds the assessments alone:
    restored from its copy (name + "_base"), or, the first time, copied to it."""
    marker = _visits_marker(url)
    if marker and marker["fingerprint"] == fingerprint:
        print(f"Visits cached (built {marker['built_at']:%Y-%m-%d %H:%M})")
        return False
    from django.db import connections

    connections.close_all()  # a database is copied only while nobody is connected to it
    name = urlsplit(url).path.lstrip("/")
    base = name + BASE_SUFFIX
    server = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with _connect(server) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [base]).fetchone():
            print(f"Restoring {name} from {base}: the visits are missing or out of date")
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{base}"')
        else:
            print(f"Copying the assessments to {base}, for later builds of the visits")
            admin.execute(f'CREATE DATABASE "{base}" TEMPLATE "{name}"')
    return True


def _mark_visits_built(url, fingerprint, count, seconds, jobs) -> None:
    with _connect(url) as conn:
        conn.execute(
            f"CREATE TABLE {VISITS_MARKER} (fingerprint text, visits integer,"
            " built_at timestamptz, build_seconds double precision, jobs integer)"
        )
        conn.execute(
            f"INSERT INTO {VISITS_MARKER} VALUES (%s, %s, now(), %s, %s)",
            [fingerprint, count, seconds, jobs],
        )


def _people() -> None:
    """The demo accounts with the bench's password, and a superuser for the admin."""
    from ctc.accounts.demo import demo_users_seed
    from ctc.accounts.models import User

    demo_users_seed()
    admin, _created = User.objects.get_or_create(
        username="bench_admin",
        defaults={"email": "bench_admin@bench.invalid", "is_staff": True, "is_superuser": True},
    )
    if not admin.check_password(PASSWORD):
        admin.set_password(PASSWORD)
        admin.save(update_fields=["password"])
    # Staff sign in with a second factor: the superuser's authenticator, as the demo's have.
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not TOTPDevice.objects.filter(user=admin, confirmed=True).exists():
        TOTPDevice.objects.create(user=admin, name="bench", confirmed=True)


def _device(username: str):
    """The person's authenticator if they must give a code at sign-in, else None."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from ctc.accounts.models import User
    from ctc.accounts.two_factor import two_factor_required

    user = User.objects.get(username=username)
    if not two_factor_required(user):
        return None
    return TOTPDevice.objects.get(user=user, confirmed=True)


def _code_of(username: str):
    """A callable giving the current code of the person's authenticator (None if they give
    none). The device forgets the last code it took, so two sign-ins within one 30-second
    step both pass."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = _device(username)
    if device is None:
        return None

    def code() -> str:
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
        device.refresh_from_db()
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        return f"{totp.token():0{device.digits}d}"

    return code


def _build(size: int, jobs: int) -> float:
    from django.db import connection

    from bench import build

    print(f"Building {size} assessments through the services in {jobs} processes")
    started = time.monotonic()
    build.build(size, jobs)
    seconds = time.monotonic() - started
    print(f"Built in {seconds:.0f}s; VACUUM ANALYZE")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return seconds


def _build_visits(count: int, jobs: int) -> tuple[float, int]:
    from django.db import connection

    from bench import build_visits

    print(f"Building {count} visits through the services in {jobs} processes")
    started = time.monotonic()
    count = build_visits.build(count, jobs)
    seconds = time.monotonic() - started
    print(f"Built {count} visits in {seconds:.0f}s; VACUUM ANALYZE")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return seconds, count


# --- Measuring --------------------------------------------------------------------------


def _client(user: str):
    from django.test import Client

    from ctc.accounts.models import User

    client = Client()
    if user:
        client.force_login(User.objects.get(username=user))
        device = _device(user)
        if device is not None:  # the session has given its two-factor code
            from django_otp import DEVICE_ID_SESSION_KEY

            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
    return client


def count_queries(pages) -> dict[str, int]:
    """Queries of one request of each page, in-process through the same middleware."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for page in pages:
        client = _client(page.user)
        client.get(page.path, headers=page.headers)  # the first also fills per-process caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.path, headers=page.headers)
        if response.status_code != 200:
            raise RuntimeError(f"{page.name}: {page.path} answered {response.status_code}")
        counts[page.name] = len(captured.captured_queries)
    return counts


def _save_form(save, rng) -> dict:
    from assessments.models import Answer
    from bench import text

    answer = Answer.objects.get(pk=save.answer)
    financing = text.SEARCH_WORD in answer.finding
    return {
        "finding": text.revise(rng, answer.finding, financing=financing),
        "status": answer.status or "partially",
        "sources": answer.sources,
        "revision": answer.revision,
    }


def _save_path(save) -> str:
    return f"/en/assessments/{save.assessment}/answers/{save.answer}/"


def count_save_queries(save) -> list[int]:
    """Queries of one save of the finding, in-process (an htmx POST, as the editor sends)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(save.user)
    form = _save_form(save, random.Random(f"count:{save.answer}"))
    with CaptureQueriesContext(connection) as captured:
        response = client.post(_save_path(save), form, headers={"HX-Request": "true"})
    if response.status_code != 200:
        raise RuntimeError(f"{save.name}: answered {response.status_code}")
    return [len(captured.captured_queries)]


def measure(pages, saves, sessions, rounds: int):
    """Interleaved rounds: each round asks every page once, so that whatever else the
    machine does weighs on all pages alike. Returns milliseconds per page, and the bytes
    of the findings saved."""
    timings = {p.name: [] for p in [*pages, *saves]}
    forms = {s.name: _save_form(s, random.Random(f"bench-save:{s.answer}")) for s in saves}
    saved = {s.name: [] for s in saves}
    rng = random.Random("bench-saves")
    from bench import text

    for round_ in range(WARMUP + rounds):
        for page in pages:
            status, _body, ms = sessions[page.user].get(page.path, headers=page.headers)
            if status != 200:
                raise RuntimeError(f"{page.name}: {page.path} answered {status}")
            if round_ >= WARMUP:
                timings[page.name].append(ms)
        for save in saves:
            form = forms[save.name]
            status, _body, ms = sessions[save.user].post(
                _save_path(save), form, headers={"HX-Request": "true"}
            )
            if status != 200:
                raise RuntimeError(f"{save.name}: answered {status}")
            if round_ >= WARMUP:
                timings[save.name].append(ms)
            saved[save.name].append(len(form["finding"].encode()))
            financing = text.SEARCH_WORD in form["finding"]
            form["finding"] = text.revise(rng, form["finding"], financing=financing)
            form["revision"] += 1
    return timings, saved


def table_sizes() -> dict[str, tuple[int, int]]:
    """(live bytes, bytes on disk) of every table of the assessments and of any version
    storage (names starting with assessments_, revisions or ctc_). Live bytes are the
    stored size of every value of every row (pg_column_size: compressed, out-of-line
    included); bytes on disk (pg_total_relation_size) also count dead rows and free space."""
    from django.db import connection

    sizes = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public' AND c.relkind = 'r' AND (c.relname LIKE 'assessments\\_%'"
            " OR c.relname LIKE 'revisions%' OR c.relname LIKE 'ctc\\_%')"
        )
        tables = [row[0] for row in cursor.fetchall()]
        for table in tables:
            cursor.execute(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_schema = 'public' AND table_name = %s",
                [table],
            )
            columns = [row[0] for row in cursor.fetchall()]
            total = " + ".join(f'coalesce(pg_column_size("{c}"), 0)' for c in columns)
            cursor.execute(
                f"SELECT coalesce(sum({total}), 0), pg_total_relation_size('\"{table}\"')"
                f' FROM "{table}"'
            )
            live, disk = cursor.fetchone()
            sizes[table] = (int(live), int(disk))
    return sizes


# --- What the results are about ---------------------------------------------------------


def machine(load) -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0].split()[0]
    cpu = ""
    with contextlib.suppress(OSError):
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = found.group(1).strip() if found else ""
    ram = ""
    with contextlib.suppress(OSError):
        found = re.search(r"MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text())
        ram = f"{int(found.group(1)) / 1024 / 1024:.1f} GiB" if found else ""
    import django

    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": f"{os.cpu_count()} × {cpu}" if cpu else str(os.cpu_count()),
        "ram": ram,
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgres": postgres,
        "load": "{:.2f} {:.2f} {:.2f} at the start, {:.2f} {:.2f} {:.2f} at the end".format(*load),
    }


def data_size() -> dict:
    """Rows of every assessments and visits table, and what the findings are like."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public' AND relkind = 'r' AND (relname LIKE 'assessments\\_%'"
            " OR relname LIKE 'revisions%' OR relname LIKE 'ctc\\_%'"
            " OR (relname LIKE 'visits\\_%' AND relname NOT LIKE 'visits\\_historical%'))"
            " ORDER BY relname"
        )
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*), pg_total_relation_size(\'"{table}"\') FROM "{table}"')
            counts[table] = cursor.fetchone()
        cursor.execute(
            "SELECT avg(octet_length(finding)), count(*) FILTER (WHERE finding ~* %s),"
            " count(*) FILTER (WHERE finding <> '') FROM assessments_answer",
            [r"\mfinancing\M"],
        )
        average, financing, written = cursor.fetchone()
    return {
        "tables": counts,
        "finding_bytes": int(average or 0),
        "financing_share": financing / written if written else 0,
    }


def _commit() -> str:
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            [
                "git",
                "status",
                "--porcelain",
                "--untracked-files=no",
                "--",
                ".",
                ":!bench/RESULTS.md",
                ":!bench/MATCHING.md",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return ""
    return sha + (" (with uncommitted changes)" if dirty else "")


if __name__ == "__main__":
    sys.exit(main())
