"""The ``storyline`` command: each command opens the store, calls one library function, renders.

Exit codes: 0 when everything went in, 1 when some inputs were rejected, 2 when nothing could be
ingested or the command itself failed (bad database, bad setting).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from . import __version__, briefing, distributed, export, pipeline, report, settings
from .errors import StorylineError
from .store import Store

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Turn a pile of news articles about an evolving story into an analyst's dossier.",
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database file (default ./storyline.db, setting 'db')."),
]
WorkersOption = Annotated[
    int, typer.Option("--workers", "-w", min=1, help="Processes running the per-article work in parallel (with --dask local: the cluster's workers).")
]
DaskOption = Annotated[
    str | None,
    typer.Option("--dask", help="Run the per-article work on Dask: a scheduler address (tcp://host:8786) or 'local' for a LocalCluster of --workers processes (needs the 'dask' extra)."),
]
ProfileOption = Annotated[
    str | None,
    typer.Option("--profile", help="Domain profile: a packaged name (sample-corpus) or a YAML path (setting 'profile')."),
]
PrivateOption = Annotated[
    bool,
    typer.Option("--allow-private", help="Allow fetching URLs on private or loopback addresses."),
]


def _version(value: bool) -> None:
    if value:
        out.print(f"storyline {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """storyline: articles in; clean texts, events, quotes and what holds up out."""


@contextlib.contextmanager
def _failures() -> Iterator[None]:
    """Turn storyline's own errors into one line on stderr and exit code 2."""
    try:
        yield
    except StorylineError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None


@contextlib.contextmanager
def _progress(label: str) -> Iterator[Any]:
    """A Rich progress line while work goes on, shown only on a terminal."""
    if not err.is_terminal:
        yield lambda _source: None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} done"), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda _source: bar.advance(task)


def _ingest(paths: list[str], store: Store, conf: dict[str, Any], executor: distributed.Executor) -> pipeline.IngestReport:
    with _progress("ingesting") as tick:
        result = pipeline.ingest(paths, store, conf, executor=executor, progress=tick)
    for rejection in result.rejected:
        err.print(f"rejected {rejection.source}: {rejection.reason}", markup=False)
    out.print(
        f"ingested {result.accepted} articles ({result.added} new, {result.updated} updated, "
        f"{result.unchanged} unchanged), rejected {len(result.rejected)}",
        markup=False,
    )
    return result


def _analyse(store: Store, executor: distributed.Executor) -> None:
    with _progress("analysing") as tick:
        result = pipeline.analyse(store, progress=tick, executor=executor)
    for failure in result.failed:
        err.print(f"stage {failure.stage} failed on {failure.source}: {failure.reason}", markup=False)
    ran = ", ".join(f"{name} on {n} articles" for name, n in result.ran.items() if n)
    out.print(f"analysed: {ran or 'nothing new'}", markup=False)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or http(s) URLs.")],
    db: DbOption = None,
    workers: WorkersOption = 1,
    dask: DaskOption = None,
    allow_private: PrivateOption = False,
) -> None:
    """Read articles into the database, cleaned and described (then 'storyline analyse').

    Example: storyline ingest articles/ https://example.org/story.html --db story.db
    """
    with _failures():
        conf = settings.load({"db": db, "allow_private": allow_private or None})
        with distributed.executor_for(workers, dask) as executor, Store.open(conf["db"]) as store:
            result = _ingest(paths, store, conf, executor)
    raise typer.Exit(result.exit_code)


@app.command()
def analyse(db: DbOption = None, profile: ProfileOption = None, workers: WorkersOption = 1, dask: DaskOption = None) -> None:
    """Run the analysis stages (quotes, speakers, sources, actors, dates, reprints, events, actions, stances) where results are missing.

    Example: storyline analyse --db story.db --profile sample-corpus
    """
    with _failures():
        conf = _settings({"db": db, "profile": profile})
        with Store.open(_existing(conf["db"])) as store, distributed.executor_for(workers, dask) as executor:
            _analyse(store, executor)


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or http(s) URLs.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for storyline.db, storyline.json and report.html.")] = Path("out"),
    workers: WorkersOption = 1,
    dask: DaskOption = None,
    allow_private: PrivateOption = False,
    profile: ProfileOption = None,
) -> None:
    """Ingest, analyse, export and report (HTML and Markdown) in one go; re-running on the same --out reuses its database.

    Example: storyline run samples/corpus --out out --profile sample-corpus
    """
    with _failures():
        out_dir.mkdir(parents=True, exist_ok=True)
        db_path = out_dir / "storyline.db"
        conf = _settings({"db": str(db_path), "allow_private": allow_private or None, "profile": profile})
        with distributed.executor_for(workers, dask) as executor, Store.open(db_path) as store:
            result = _ingest(paths, store, conf, executor)
            _analyse(store, executor)
            data = export.build(store)
        json_path, html_path, md_path = (out_dir / n for n in ("storyline.json", "report.html", "briefing.md"))
        _write_atomic(json_path, export.dumps(data))
        _write_atomic(html_path, report.render(data))
        _write_atomic(md_path, briefing.render(data))
        out.print(
            f"database: {db_path}\njson:     {json_path}\nreport:   {html_path}\nbriefing: {md_path}",
            markup=False,
        )
    raise typer.Exit(result.exit_code)


@app.command("watch")
def watch_cmd(
    feeds: Annotated[list[str], typer.Argument(help="RSS/Atom feed URLs or feed files.")],
    interval: Annotated[float, typer.Option("--interval", min=1, help="Seconds between the starts of two rounds.")] = 900.0,
    once: Annotated[bool, typer.Option("--once", help="Poll one round, then stop.")] = False,
    max_rounds: Annotated[int | None, typer.Option("--max-rounds", min=1, help="Stop after N rounds.")] = None,
    host_delay: Annotated[float, typer.Option("--host-delay", min=0, help="Least seconds between two requests to one host.")] = 1.0,
    fetch_pages: Annotated[bool, typer.Option("--fetch-pages", help="Store each new entry's linked page instead of the feed's summary.")] = False,
    db: DbOption = None,
    allow_private: PrivateOption = False,
    profile: ProfileOption = None,
) -> None:
    """Poll feeds, take in new articles, re-analyse, and report new events, contradictions and stance shifts.

    Conditional GETs, backoff for failing feeds, a pause between requests to one host. Ctrl-C
    stops after the round in progress (twice: at once; the store stays consistent).

    Example: storyline watch https://example.org/feed.xml --interval 600 --db story.db
    """
    import signal
    import threading

    from . import watch

    stop = threading.Event()

    def interrupted(_signum: int, _frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        err.print("stopping after this round (Ctrl-C again to stop now)", markup=False)

    with _failures():
        conf = _settings({"db": db, "allow_private": allow_private or None, "profile": profile})
        options = watch.WatchOptions(interval=interval, host_delay=host_delay, fetch_pages=fetch_pages)
        previous = signal.signal(signal.SIGINT, interrupted)
        failed = False
        try:
            with Store.open(conf["db"]) as store:
                watcher = watch.Watcher(store, feeds, conf, options)
                for result in watch.watch(watcher, once=once, max_rounds=max_rounds, stop=stop):
                    for line in watch.describe(result):
                        (err if line.startswith(("failed", "waiting", "rejected", "page not")) else out).print(line, markup=False)
                    failed = bool(result.failed)
        except KeyboardInterrupt:
            err.print("stopped: feeds already polled this round are stored, the one in progress is not", markup=False)
            raise typer.Exit(130) from None
        finally:
            signal.signal(signal.SIGINT, previous)
    raise typer.Exit(1 if failed else 0)


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json (the contract), jsonl (one article a line, streamed), csv or parquet (needs -o).")] = "json",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write; default standard output.")] = None,
    table: Annotated[str, typer.Option("--table", "-t", help="With csv or parquet: articles, quotes, events, actions (GDELT-like columns), positions, shifts, claims or anomalies.")] = "articles",
    db: DbOption = None,
) -> None:
    """Export the corpus.

    Example: storyline export --format parquet --table actions -o actions.parquet --db story.db
    """
    if fmt not in export.FORMATS:
        err.print(f"error: unknown format {fmt!r}; choose one of {', '.join(export.FORMATS)}")
        raise typer.Exit(2)
    if table not in export.CSV_TABLES:
        err.print(f"error: unknown table {table!r}; choose one of {', '.join(export.CSV_TABLES)}")
        raise typer.Exit(2)
    if fmt == "parquet" and output is None:
        err.print("error: parquet is binary; name a file with -o FILE")
        raise typer.Exit(2)
    with _failures():
        conf = settings.load({"db": db})
        with Store.open(_existing(conf["db"])) as store:
            if output is None:
                export.write_stream(store, fmt, sys.stdout, table)
            else:
                export.write_file(store, fmt, output, table)
                out.print(f"wrote {output}", markup=False)


@app.command("report")
def report_cmd(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default report.html or briefing.md).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="html (self-contained report) or md (Markdown briefing).")] = "html",
    db: DbOption = None,
) -> None:
    """Write the self-contained HTML report, or a Markdown briefing of the same content.

    Example: storyline report --format md -o briefing.md --db story.db
    """
    renderers = {"html": report.render_store, "md": briefing.render_store}
    if fmt not in renderers:
        err.print(f"error: unknown format {fmt!r}; choose html or md")
        raise typer.Exit(2)
    output = output or Path("report.html" if fmt == "html" else "briefing.md")
    with _failures():
        conf = settings.load({"db": db})
        with Store.open(_existing(conf["db"])) as store:
            _write_atomic(output, renderers[fmt](store))
        out.print(f"wrote {output}", markup=False)


@app.command("serve")
def serve_cmd(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; beyond loopback --token is required.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option("--token", envvar="STORYLINE_TOKEN", help="Require 'Authorization: Bearer TOKEN' (or open /?token=TOKEN once).")] = None,
) -> None:
    """Serve the web app: browse, search and add articles; JSON API under /api, spec at /openapi.json.

    Example: storyline serve --db story.db --port 8000
    """
    from . import web  # the web dependencies load only for this command

    with _failures():
        conf = settings.load({"db": db})
        web.serve(_existing(conf["db"]), host=host, port=port, token=token, conf=conf)


@app.command("settings")
def settings_cmd() -> None:
    """List every setting with its current value and what it does.

    Example: STORYLINE_MAX_BYTES=5000000 storyline settings
    """
    with _failures():
        values = settings.load()
    for s in settings.SETTINGS:
        out.print(f"{s.name} = {values[s.name]!r}\n    {s.help} (env STORYLINE_{s.name.upper()})", markup=False)


def _settings(overrides: dict[str, Any]) -> dict[str, Any]:
    """Resolve the settings and make them the ones the analysis stages see."""
    conf = settings.load(overrides)
    settings.use(conf)
    return conf


profile_app = typer.Typer(no_args_is_help=True, help="Domain profiles: actors, offices held, negotiation issues, stance cues.")
app.add_typer(profile_app, name="profile")


@profile_app.command("check")
def profile_check(file: Annotated[Path, typer.Argument(help="A profile YAML file.")]) -> None:
    """List every problem in a profile as file:line: message; exit 1 if there are any.

    Example: storyline profile check my-story.yaml
    """
    from .profile import check

    problems = check(file)
    for problem in problems:
        out.print(problem, markup=False)
    if not problems:
        out.print(f"{file}: ok", markup=False)
    raise typer.Exit(1 if problems else 0)


def _existing(db: str) -> str:
    if "://" not in db and not Path(db).is_file():
        raise StorylineError(f"no database here; run 'storyline ingest PATH --db {db}' first", source=db)
    return db


def _write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so an interrupted write never leaves half a file."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def main() -> None:
    app()
