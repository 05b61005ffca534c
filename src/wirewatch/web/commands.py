"""`wirewatch serve` and `wirewatch report`: thin click commands over web.app and report.

The lead registers them in cli.py (`main.add_command(serve)`, `main.add_command(report)`); they
read the store path from the group's `--db` option (ctx.obj["db"]).
"""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path

import click


def _db(ctx: click.Context) -> str:
    from wirewatch.store import store_exists

    db = (ctx.obj or {}).get("db", "wirewatch.db")
    if not store_exists(db):
        raise click.ClickException(f"no store at {db} (run `wirewatch ingest PATH` first)")
    return db


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything beyond localhost needs --token.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", default=None, envvar="WIREWATCH_TOKEN",
              help="Secret every request must carry (Bearer header, cookie, or ?token= once).")
@click.option("--write", is_flag=True,
              help="Allow corrections (merge/split/alias/reject actors) from the desk.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, token: str | None, write: bool) -> None:
    """Serve the analyst's desk (web UI + JSON API) over the store."""
    import uvicorn

    from wirewatch.web.app import create_app
    from wirewatch.web.security import UnsafeBinding, check_binding

    try:
        check_binding(host, token=token, write=write)
    except UnsafeBinding as exc:
        raise click.ClickException(str(exc)) from exc
    app = create_app(_db(ctx), token=token, write=write)
    mode = "read-write" if write else "read-only"
    click.echo(f"wirewatch desk ({mode}) on http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.command()
@click.option("--query", "-q", default=None, help="Full-text query the sources must match.")
@click.option("--actor", default=None, help="Actor id, name or alias, e.g. CAN.")
@click.option("--type", "event_type", default=None, help="PLOVER event type.")
@click.option("--outlet", default=None)
@click.option("--place", default=None, help="Place name or ISO3 country code.")
@click.option("--from", "date_from", default=None, help="YYYY[-MM[-DD]]")
@click.option("--to", "date_to", default=None, help="YYYY[-MM[-DD]]")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md",
              show_default=True)
@click.option("--title", default=None)
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Write here instead of standard output.")
@click.pass_context
def report(ctx: click.Context, query: str | None, actor: str | None, event_type: str | None,
           outlet: str | None, place: str | None, date_from: str | None, date_to: str | None,
           fmt: str, title: str | None, out: str | None) -> None:
    """A situation report: key events, figures, quotes, disagreements, every statement cited."""
    import json

    from wirewatch.report.build import build_report
    from wirewatch.report.html import render_html
    from wirewatch.report.markdown import render_markdown
    from wirewatch.store import open_store
    from wirewatch.views.actors import ActorNotFound
    from wirewatch.views.filters import BadFilter, Filters

    store = open_store(_db(ctx), readonly=True)
    try:
        filters = Filters(query, actor, event_type, outlet, date_from, date_to, place)
        built = build_report(store, filters.checked(store), title=title)
    except (BadFilter, ActorNotFound) as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    if fmt == "md":
        text = render_markdown(built)
    elif fmt == "html":
        text = render_html(built)
    else:
        text = json.dumps(asdict(built), ensure_ascii=False, indent=1) + "\n"
    if out:
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"report: {len(built.citations)} citations → {out}", err=True)
    else:
        sys.stdout.write(text)
