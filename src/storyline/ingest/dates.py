"""Publication dates given as metadata (JSON fields, feed entries) to YYYY-MM-DD, never guessed."""

from __future__ import annotations

import re
import time
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

# Formats with the month spelled out or the year first, so day and month cannot be swapped.
_FORMATS = (
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y%m%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%A, %B %d, %Y",
    "%a, %d %b %Y",
    "%d %B, %Y",
    "%A %d %B %Y",
)
_NUMERIC_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
# Epoch seconds between 1990 and 2100: anything else given as a bare number is not a date.
_EPOCH_RANGE = (631_152_000, 4_102_444_800)


def _from_text(text: str) -> date | None:
    text = " ".join(text.replace("Sept ", "Sep ").split())
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    match = _NUMERIC_DMY.match(text)
    if match:
        first, second, year = (int(g) for g in match.groups())
        # 04/05/2025 is April or May depending on the writer; only one reading may fit.
        if first > 12 >= second:
            return _safe_date(year, second, first)
        if second > 12 >= first:
            return _safe_date(year, first, second)
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(value: Any) -> str | None:
    """``value`` as YYYY-MM-DD, or None when it is missing, ambiguous or not a date.

    Accepts ISO 8601, RFC 2822 (feeds, e-mail), common written forms ("14 March 2024",
    "March 14, 2024"), epoch seconds and ``time.struct_time``. Relative expressions
    ("yesterday") and incomplete dates are refused rather than completed with today.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, time.struct_time):
        return _safe_iso(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, int | float):
        if _EPOCH_RANGE[0] <= value < _EPOCH_RANGE[1]:
            return datetime.fromtimestamp(value, tz=timezone.utc).date().isoformat()
        return None
    if not isinstance(value, str) or not value.strip():
        return None
    parsed = _from_text(value.strip())
    return parsed.isoformat() if parsed else None


def _safe_iso(year: int, month: int, day: int) -> str | None:
    parsed = _safe_date(year, month, day)
    return parsed.isoformat() if parsed else None
