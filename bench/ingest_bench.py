"""Benchmark: ingest + clean + describe + store over a corpus scaled from the samples.

Builds corpora of N articles (default 1,000 and 10,000) by copying the project's sample corpus
(.txt and .html) and the real seeds beside the project, each copy made unique by one added
sentence, then times ``storyline ingest`` on them in a fresh process (peak memory = that
process's maximum RSS). In the same run, trafilatura's own ``extract`` on the same HTML files is
timed as the peer baseline, next to storyline's per-article ``prepare`` on the same files.

    .venv/bin/python bench/ingest_bench.py            # 1k and 10k
    .venv/bin/python bench/ingest_bench.py --sizes 200 --workers 1 2
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "samples" / "corpus", ROOT.parent / "shared" / "samples" / "seeds"]


def templates() -> list[tuple[str, str]]:
    found = []
    for folder in SOURCES:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".txt", ".html", ".htm") and path.is_file():
                found.append((path.suffix, path.read_text(encoding="utf-8")))
    if not found:
        sys.exit("no sample articles found to scale from")
    return found


def unique(suffix: str, text: str, n: int) -> str:
    line = f"Dispatch {n} was filed by the benchmark desk."
    if suffix == ".txt":
        return f"{text.rstrip()}\n\n{line}\n"
    marker = re.search(r"</article>|</main>|</body>", text, re.IGNORECASE)
    at = marker.start() if marker else len(text)
    return f"{text[:at]}<p>{line}</p>{text[at:]}"


def build(folder: Path, size: int) -> tuple[int, int]:
    pool = templates()
    html = 0
    for n in range(size):
        suffix, text = pool[n % len(pool)]
        sub = folder / f"{n // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"a{n:06d}{suffix}").write_text(unique(suffix, text, n), encoding="utf-8")
        html += suffix != ".txt"
    return size - html, html


# Runs the CLI in a child that reports its own peak RSS (and its workers') on its last line.
_CHILD = (
    "import resource, sys\n"
    "from storyline.cli import app\n"
    "try:\n"
    "    app(sys.argv[1:], standalone_mode=False)\n"
    "finally:\n"
    "    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "    print(f'PEAK {own} {kids}', file=sys.stderr)\n"
)


def time_ingest(folder: Path, workers: int) -> tuple[float, float]:
    """Seconds and peak MB (main process + largest worker) of one `storyline ingest`."""
    db = folder.parent / f"bench-{folder.name}-{workers}.db"
    args = ["ingest", str(folder), "--db", str(db), "--workers", str(workers)]
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    peaks = [line for line in done.stderr.splitlines() if line.startswith("PEAK ")]
    if not peaks:
        sys.exit(f"ingest failed: {done.stderr.strip()[-500:]}")
    own, kids = (int(v) for v in peaks[-1].split()[1:])
    return elapsed, (own + (kids if workers > 1 else 0)) / 1024


def time_html_peers(folder: Path, limit: int) -> tuple[int, float, float]:
    """trafilatura.extract alone vs storyline.prepare on the same HTML files, in this process."""
    import trafilatura

    from storyline.pipeline import prepare
    from storyline.records import RawDocument

    pages = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.htm*"))[:limit]]
    start = time.perf_counter()
    for page in pages:
        trafilatura.extract(page, with_metadata=True)
    peer = time.perf_counter() - start
    start = time.perf_counter()
    for n, page in enumerate(pages):
        prepare(RawDocument(f"p{n}.html", page, kind="html"))
    ours = time.perf_counter() - start
    return len(pages), peer, ours


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1])
    args = parser.parse_args()
    print(f"{'articles':>9} {'txt':>6} {'html':>6} {'workers':>7} {'seconds':>8} {'articles/s':>10} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        largest = None
        for size in args.sizes:
            folder = Path(tmp) / f"n{size}"
            folder.mkdir()
            txt, html = build(folder, size)
            largest = folder
            for workers in args.workers:
                seconds, peak = time_ingest(folder, workers)
                print(f"{size:>9,} {txt:>6} {html:>6} {workers:>7} {seconds:>8.1f} {size / seconds:>10.1f} {peak:>8.0f}")
        if largest is not None:
            pages, peer, ours = time_html_peers(largest, 500)
            if pages:
                print(f"\nHTML only, {pages} pages, one process:")
                print(f"  trafilatura.extract (peer baseline)      {pages / peer:8.1f} pages/s")
                print(f"  storyline prepare (extract+clean+describe) {pages / ours:6.1f} pages/s")


if __name__ == "__main__":
    main()
