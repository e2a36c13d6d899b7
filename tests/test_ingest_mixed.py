"""A folder as users really hand it over: the real seeds mixed with files that cannot be used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from storyline.errors import UnreadableInput
from storyline.ingest import extract_html, read_inputs
from storyline.records import RawDocument, Rejection
from storyline.settings import SETTINGS

DEFAULTS = {s.name: s.default for s in SETTINGS}

LATIN1 = "Notes from the caf\u00e9 in Z\u00fcrich: a na\u00efve plan, said the d\u00e9l\u00e9gu\u00e9.\n"
TRUNCATED = (
    '<!DOCTYPE html><html lang="en"><head><title>Cut off</title></head><body>'
    '<nav><a href="/">Home</a> <a href="/world">World</a></nav><main><article><h1 class="hea'
)
BROKEN_FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Half'

# file name -> the reason it is refused (None: it must come out as a document)
EXTRAS: dict[str, tuple[bytes | None, str | None]] = {
    "chart.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
                  "binary file (PNG image), expected text, HTML, JSON or a feed"),
    "placeholder.txt": (b"", "empty file"),
    "notes-latin1.txt": (LATIN1.encode("latin-1"), None),
    "dump.txt": (None, "file is 30,000,000 bytes, over the 20,000,000-byte cap (setting max_bytes)"),
    "cut.html": (TRUNCATED.encode(), "truncated HTML: no article text could be extracted (the page stops before its end)"),
    "wire.rss": (BROKEN_FEED, "malformed feed: "),
}


def ingest_all(inputs: list[str]) -> list[RawDocument | Rejection]:
    """read_inputs, then extract_html on HTML documents, the way the pipeline chains them."""
    out: list[RawDocument | Rejection] = []
    for item in read_inputs(inputs, DEFAULTS):
        if isinstance(item, RawDocument) and item.kind == "html":
            try:
                extract_html(item.content, item.meta.url)
            except UnreadableInput as exc:
                item = Rejection(item.source, exc.message)
        out.append(item)
    return out


@pytest.fixture()
def pile(tmp_path: Path, seeds_dir: Path) -> tuple[Path, list[str]]:
    folder = tmp_path / "pile"
    (folder / "seeds").mkdir(parents=True)
    seeds = sorted(p.name for p in seeds_dir.glob("*.txt"))
    for name in seeds:
        shutil.copyfile(seeds_dir / name, folder / "seeds" / name)
    for name, (data, _reason) in EXTRAS.items():
        if data is None:
            with (folder / name).open("wb") as handle:
                handle.write(b"a log that grew")
                handle.truncate(30_000_000)
        else:
            (folder / name).write_bytes(data)
    return folder, seeds


def test_mixed_folder(pile) -> None:
    folder, seeds = pile
    assert len(seeds) == 5
    out = {Path(o.source).relative_to(folder).as_posix(): o for o in ingest_all([str(folder)])}
    assert len(out) == len(seeds) + len(EXTRAS)

    for name in seeds:
        doc = out[f"seeds/{name}"]
        assert isinstance(doc, RawDocument)
        assert (doc.kind, doc.encoding) == ("text", "utf-8")
        assert doc.content == (folder / "seeds" / name).read_text(encoding="utf-8")

    for name, (_data, reason) in EXTRAS.items():
        item = out[name]
        if reason is None:
            assert isinstance(item, RawDocument), item
        else:
            assert isinstance(item, Rejection), item
            assert item.source == str(folder / name)
            assert item.reason.startswith(reason)
    assert "na\u00efve" in out["notes-latin1.txt"].content
    assert "d\u00e9l\u00e9gu\u00e9" in out["notes-latin1.txt"].content


def test_truncated_html_is_read_then_refused_by_extraction(pile) -> None:
    folder, _seeds = pile
    [doc] = read_inputs([str(folder / "cut.html")], DEFAULTS)
    assert isinstance(doc, RawDocument) and doc.kind == "html"
    [refused] = ingest_all([str(folder / "cut.html")])
    assert isinstance(refused, Rejection) and refused.reason.startswith("truncated HTML")


def test_the_seeds_as_given(seeds_dir: Path) -> None:
    out = list(read_inputs([str(seeds_dir)], DEFAULTS))
    assert [Path(d.source).name for d in out] == sorted(p.name for p in seeds_dir.glob("*.txt"))
    assert all(isinstance(d, RawDocument) and d.content.strip() for d in out)
