"""Report and API figures: render time and size for 10 and 1,000 articles, API latency under load.

Run: .venv/bin/python bench/report_bench.py [--requests 400] [--api-articles 200]
The report figures use synthetic contract dicts; the API figures a real store filled through the
pipeline (ingest only) and served by uvicorn on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import uvicorn

from storyline import briefing, pipeline, report, settings
from storyline.store import Store
from storyline.web import create_app

WORDS = ("ceasefire talks border monitors minister Kallmora Korvath Trevania accord signed delegation "
         "withdrawal observers corridor humanitarian envoy statement week officials said").split()


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."


def synthetic(n: int, seed: int = 7) -> dict:
    """A contract of ``n`` articles of ~3,000 characters with quotes, sources, events and claims."""
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        paras = [" ".join(sentence(rng) for _ in range(5)) for _ in range(5)]
        text = "\n\n".join(paras)
        quotes = []
        for _ in range(5):
            s = rng.randrange(0, len(text) - 60)
            quotes.append({"speaker": rng.choice(["Ana Lisac", "Jonas Brel", None]), "speaker_mention": "x", "role": None,
                           "text": text[s:s + 50], "kind": "direct", "cue": "said", "start": s, "end": s + 50})
        quotes.sort(key=lambda q: q["start"])
        articles.append({"id": f"a{i:05d}", "source": f"a{i}.html", "url": None, "title": sentence(rng)[:70],
                         "outlet": f"Outlet {i % 25}", "author": None, "published": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                         "published_how": "metadata", "outlet_how": "metadata", "language": "en", "text": text,
                         "flags": ["ai_generated"] if i % 17 == 0 else [], "removed": [{"kind": "footer", "text": "Subscribe now"}],
                         "reprint_of": None, "event": None, "quotes": quotes,
                         "cited_sources": [{"name": "Orbis Wire", "cue": "according to", "start": 0, "end": 5}], "unknown": {}})
    events = [{"id": f"e{j}", "label": sentence(rng)[:40], "date": f"2025-{1 + j % 12:02d}-{1 + j % 28:02d}", "date_end": None,
               "articles": [a["id"] for a in articles[j::max(1, n // 10)]][:20]} for j in range(max(1, n // 10))]
    claims = [{"id": f"c{j}", "text": articles[j]["text"][:60], "articles": [articles[j]["id"]], "independent_sources": j % 3,
               "status": ["corroborated", "single_source", "contradicted", "unsourced"][j % 4]} for j in range(max(1, n // 5))]
    anomalies = [{"article": articles[j]["id"], "kind": "stale", "detail": "old figure", "start": 0, "end": 20} for j in range(max(1, n // 20))]
    positions = [{"actor": f"Actor {j % 8}", "issue": f"issue {j % 5}", "stance": ["support", "oppose", "neutral"][j % 3],
                  "date": "2025-04-01", "evidence": []} for j in range(40)]
    return {"storyline_version": "bench", "articles": articles, "events": events, "actions": [], "positions": positions,
            "claims": claims, "anomalies": anomalies, "actors": [], "rejected": []}


def timed(fn, *args, repeat: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def bench_report() -> None:
    for n in (10, 1000):
        data = synthetic(n)
        seconds, html = timed(report.render, data)
        md_seconds, md = timed(briefing.render, data)
        print(f"report  {n:>5} articles: {seconds * 1000:8.1f} ms, {len(html.encode()) / 1e6:6.2f} MB html; "
              f"briefing {md_seconds * 1000:7.1f} ms, {len(md.encode()) / 1e3:7.1f} kB md")


def bench_api(n_articles: int, n_requests: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="storyline-bench-"))
    inputs = folder / "in.jsonl"
    rng = random.Random(3)
    with inputs.open("w") as out:
        for i in range(n_articles):
            text = "\n\n".join(" ".join(sentence(rng) for _ in range(5)) for _ in range(4))
            out.write(json.dumps({"title": f"Story {i}", "outlet": f"Outlet {i % 9}", "published": "2025-04-02", "text": text}) + "\n")
    conf = settings.load({"db": str(folder / "bench.db")})
    store = Store.open(folder / "bench.db")
    start = time.perf_counter()
    pipeline.ingest([str(inputs)], store, conf)
    print(f"api     store of {n_articles} articles ingested in {time.perf_counter() - start:.1f} s")
    app = create_app(store, conf=conf, analyse=False)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    paths = ["/api/overview", "/api/articles?limit=20", "/api/articles?q=ceasefire+monitors", "/api/articles/"
             + httpx.get(base + "/api/articles?limit=1").json()["items"][0]["id"], "/articles?q=border", "/"]
    with httpx.Client(base_url=base, timeout=30) as client:
        for p in paths:
            client.get(p).raise_for_status()  # warm the snapshot cache

        def one(i: int) -> tuple[str, float]:
            path = paths[i % len(paths)]
            t = time.perf_counter()
            client.get(path).raise_for_status()
            return path, time.perf_counter() - t

        start = time.perf_counter()
        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(one, range(n_requests)))
        wall = time.perf_counter() - start
    server.should_exit = True
    all_ms = sorted(ms * 1000 for _, ms in results)
    q = statistics.quantiles(all_ms, n=100)
    print(f"api     {n_requests} requests, 8 threads: {n_requests / wall:.0f} req/s, p50 {q[49]:.1f} ms, p99 {q[98]:.1f} ms")
    for p in paths:
        ms = sorted(m * 1000 for path, m in results if path == p)
        print(f"          {p[:48]:<48} p50 {statistics.median(ms):6.1f} ms  max {ms[-1]:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--api-articles", type=int, default=200)
    args = parser.parse_args()
    bench_report()
    bench_api(args.api_articles, args.requests)


if __name__ == "__main__":
    main()
