"""Local inputs: walking folders and reading files under the size cap."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError, UnreadableInput
from ..records import RawDocument, Rejection
from .formats import format_for_name, parse

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def walk(folder: Path) -> tuple[list[Path], list[Rejection]]:
    """Every visible file under ``folder`` in sorted order, and the subfolders that failed.

    Names starting with a dot are skipped, files and folders alike. Symbolic links to folders
    are not followed, so a link cycle cannot loop.
    """
    errors: list[Rejection] = []

    def failed(exc: OSError) -> None:
        errors.append(Rejection(str(exc.filename or folder), f"cannot list folder: {exc.strerror}"))

    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=failed):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root, f) for f in files if not f.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(folder).parts), errors


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, refusing oversized files from their size before reading."""
    source = str(path)
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        what = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
        raise UnreadableInput(f"{what}, expected a regular file", source=source)
    if info.st_size > max_bytes:
        raise UnreadableInput(
            f"file is {info.st_size:,} bytes, over the {max_bytes:,}-byte cap (setting max_bytes)",
            source=source,
        )
    with path.open("rb") as handle:
        # The file may have grown since stat: never read more than the cap allows.
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UnreadableInput(
            f"file grew past the {max_bytes:,}-byte cap while being read (setting max_bytes)",
            source=source,
        )
    return data


def read_file(path: Path, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """Documents of one file, or one Rejection saying why the file cannot be used."""
    source = str(path)
    try:
        data = read_bytes(path, max_bytes)
        yield from parse(data, source, format_for_name(path.name))
    except InputError as exc:
        yield Rejection(source, exc.message)
    except OSError as exc:
        yield Rejection(source, f"cannot read: {(exc.strerror or str(exc)).lower()}")


def read_path(name: str, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """Documents of a file, or of every visible file under a folder."""
    path = Path(name)
    if not path.exists():
        yield Rejection(name, "no such file or directory")
        return
    if not path.is_dir():
        yield from read_file(path, max_bytes)
        return
    files, errors = walk(path)
    yield from errors
    if not files and not errors:
        yield Rejection(name, "empty folder: no visible files in it")
    for file in files:
        yield from read_file(file, max_bytes)
