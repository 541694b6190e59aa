"""The bench's table, its verdicts and bench/RESULTS.md."""

import statistics
from dataclasses import dataclass

from bench.pages import ADMIN, FLOOR, HEALTHZ, ROLES


@dataclass
class Row:
    name: str
    who: str
    path: str
    p50: float | None = None
    p95: float | None = None
    ratios: tuple = ()  # p95 × healthz, × floor, × admin changelist
    queries: str = ""
    target: str = ""
    passed: bool | None = None
    note: str = ""
    measured: str = ""  # what the target judged, in words


@dataclass
class Context:
    size: int
    rounds: int
    warmup: int
    built: dict | None
    machine: dict
    data: dict
    commit: str


def _quantiles(values):
    cuts = statistics.quantiles(values, n=100)
    return cuts[49], cuts[94]


def rows(pages, saves, timings, queries, save_queries, before, after, saved) -> list[Row]:
    p50s = {name: _quantiles(values)[0] for name, values in timings.items()}
    p95 = {name: _quantiles(values)[1] for name, values in timings.items()}
    references = (p95[HEALTHZ], p95[FLOOR], p95[ADMIN])
    result = []
    for page in pages:
        p50, high = _quantiles(timings[page.name])
        row = Row(
            name=page.name,
            who=ROLES.get(page.user, "anonymous"),
            path=page.path,
            p50=p50,
            p95=high,
            ratios=tuple(high / r for r in references),
            queries=str(queries[page.name]),
            note=page.note,
        )
        if page.target is not None:
            row.target = f"≤ {page.target:g}× admin"
            row.passed = high <= page.target * p95[ADMIN]
            row.measured = (
                f"p95 {high / p95[ADMIN]:.2f}× the admin changelist's"
                f" (p50 {p50 / p50s[ADMIN]:.2f}×)"
            )
        result.append(row)
    for save, counts in zip(saves, save_queries, strict=True):
        p50, high = _quantiles(timings[save.name])
        constant = len(set(counts)) == 1
        result.append(
            Row(
                name=save.name,
                who=ROLES.get(save.user, save.user),
                path=f"POST /en/assessments/{save.assessment}/answers/{save.answer}/",
                p50=p50,
                p95=high,
                ratios=tuple(high / r for r in references),
                queries=" → ".join(str(c) for c in counts),
                target=f"≤ {save.max_ms:g} ms, same queries",
                passed=high <= save.max_ms and constant,
                note=f"{save.note}; queries of the first save and of the last",
                measured=f"p95 {high:.1f} ms (p50 {p50:.1f} ms), queries "
                + " → ".join(map(str, counts)),
            )
        )
        result.append(_storage_row(save, before, after, saved[save.name]))
    return result


def _storage_row(save, before, after, findings) -> Row:
    grown = {t: (after[t][0] - before[t][0], after[t][1] - before[t][1]) for t in after}
    saves = len(findings)
    live = sum(g[0] for g in grown.values()) / saves
    disk = sum(g[1] for g in grown.values()) / saves
    finding = sum(findings) / saves
    changed = ", ".join(f"{t} {g[0] / saves:+,.0f}" for t, g in sorted(grown.items()) if g[0])
    return Row(
        name="stored bytes per save",
        who="",
        path=f"{saves} saves of a {finding:,.0f}-byte finding",
        target="≤ 2× the finding",
        passed=live <= 2 * finding,
        queries="",
        measured=f"{live / finding:.1f}× ({live:,.0f} B stored per save of a"
        f" {finding:,.0f}-byte finding)",
        note=(
            f"{live:,.0f} B live ({live / finding:.1f}× the finding), {disk:,.0f} B on disk"
            f" ({disk / finding:.1f}×) per save; live growth per table: {changed or 'none'}"
        ),
    )


def _ms(value) -> str:
    return "" if value is None else f"{value:.1f}"


def _verdict(row: Row) -> str:
    return "" if row.passed is None else ("PASS" if row.passed else "FAIL")


HEAD = ["page", "who", "p50 ms", "p95 ms", "× healthz", "× floor", "× admin", "queries"]


def _cells(row: Row) -> list[str]:
    ratios = [f"{r:.2f}" for r in row.ratios] or ["", "", ""]
    return [row.name, row.who, _ms(row.p50), _ms(row.p95), *ratios, row.queries]


def table(rows: list[Row]) -> str:
    lines = [[*HEAD, "target", ""], *[[*_cells(r), r.target, _verdict(r)] for r in rows]]
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    text = []
    for line in lines:
        cells = [
            cell.ljust(width) if i in (0, 1, 8) else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        text.append("  ".join(cells).rstrip())
    storage = [r for r in rows if r.name == "stored bytes per save"]
    text += [f"{r.name}: {r.note}" for r in storage]
    return "\n".join(text)


def verdicts(rows: list[Row]) -> str:
    judged = [r for r in rows if r.passed is not None]
    failed = [r for r in judged if not r.passed]
    lines = [f"Targets: {len(judged) - len(failed)} of {len(judged)} met."]
    lines += [f"  FAIL {r.name} ({r.target}): {r.measured}" for r in failed]
    return "\n".join(lines)


def _visits_flag(built: dict) -> str:
    visits = built.get("visits")
    return f" --visits {visits['visits']}" if visits else ""


def _visits_built(visits: dict | None) -> str:
    if not visits:
        return ""
    return (
        f" On top of them, {visits['visits']:,} visits of 2012–2013 built through the visits"
        f" services (built in {visits['build_seconds']:.0f} s with {visits['jobs']} processes"
        f" on {visits['built_at']:%Y-%m-%d}): plans, consents, reports, recommendations and"
        " follow-up actions (bench/build_visits.py)."
    )


def markdown(rows: list[Row], context: Context) -> str:
    m, d, built = context.machine, context.data, context.built or {}
    build = (
        f"built in {built['build_seconds']:.0f} s with {built['jobs']} processes"
        f" on {built['built_at']:%Y-%m-%d}"
        if built.get("build_seconds")
        else "build time unknown"
    )
    out = [
        "# Bench results",
        "",
        f"`make bench` (bench/run.py, `--size {context.size}{_visits_flag(built)}"
        f" --rounds {context.rounds}`)"
        f" on {m['date']}, commit {context.commit or 'unknown'}. Rewritten by every run.",
        "",
        "## Machine",
        "",
        f"- CPUs: {m['cpus']}; RAM {m['ram']}; load average {m['load']}",
        f"- {m['os']}; Python {m['python']}; Django {m['django']};"
        f" PostgreSQL {m['postgres']} (loopback)",
        "- gunicorn (gunicorn.conf.py): 2 sync workers, 1 thread each, on 127.0.0.1;"
        " DEBUG off, whitenoise with the collected manifest, local-memory cache,"
        " Celery tasks in-process (no broker), DATABASE_CONN_MAX_AGE as in the environment",
        "",
        "## Data set",
        "",
        f"{context.size} assessments built through the services ({build}); findings of"
        f" {d['finding_bytes']:,} bytes on average (English, French, Arabic and Chinese"
        f" paragraphs), {d['financing_share']:.0%} of the written findings mention “financing”."
        + _visits_built(built.get("visits")),
        "",
        "| table | rows | on disk |",
        "| --- | ---: | ---: |",
        *[
            f"| {t} | {n:,} | {size / 1024 / 1024:,.1f} MiB |"
            for t, (n, size) in d["tables"].items()
        ],
        "",
        "## Figures",
        "",
        f"Each page asked {context.warmup} times to warm up, then {context.rounds} times, in"
        " interleaved rounds (every page once per round); p50 and p95 by"
        " `statistics.quantiles`; ratios are of p95 to the p95 of /healthz, of the floor"
        " and of the admin changelist measured in the same run. Queries: one request of the"
        " page in-process (Django test client, same middleware) under CaptureQueriesContext.",
        "",
        "| " + " | ".join([*HEAD, "target", "result"]) + " |",
        "| " + " | ".join(["---", "---"] + ["---:"] * 6 + ["---", "---"]) + " |",
        *[
            "| " + " | ".join([*_cells(r), r.target, _verdict(r)]) + " |"
            for r in rows
            if r.name != "stored bytes per save"
        ],
        "",
        "What each row asks:",
        "",
        *[
            f"- {r.name}: `{r.path}`" + (f" ({r.note})" if r.note else "")
            for r in rows
            if r.name != "stored bytes per save"
        ],
        "",
        "## Targets",
        "",
        *[
            f"- **{_verdict(r)}** {r.name}: {r.target}; {r.measured}"
            for r in rows
            if r.passed is not None
        ],
        "",
        "The two CPUs are shared with whatever else runs (load average above): p95 carries"
        " that interference, p50 shows the typical time; the ratios compare pages asked in"
        " the same rounds.",
        "",
        "## How the floor, the save and the storage are measured",
        "",
        "- The floor is the anonymous login page, `/en/login/`: a view that renders"
        " base.html through the whole middleware with next to no queries. The project has"
        " no dedicated trivial view; the bench adds no app code.",
        "- The save is the editor's htmx POST of one finding (a paragraph rewritten each"
        " time) by a logged-in CTED expert, over HTTP like the pages. Its queries are"
        " counted in-process on the first save and again after all the timed ones; the"
        " target wants the two counts equal.",
    ]
    for r in rows:
        if r.name == "stored bytes per save":
            out.append(
                f"- Stored bytes per save ({r.path}): the growth of every table named"
                " assessments_*, revisions* or ctc_* between just before and just after the"
                " saves (warm-up included), divided by the number of saves. Live bytes sum"
                " pg_column_size of every value of every row (compressed, out-of-line"
                " included) and are what the target judges; bytes on disk"
                " (pg_total_relation_size) also count the dead row versions the updates"
                f" leave until VACUUM. {r.note}."
            )
    return "\n".join(out) + "\n"
