"""Resident identity card numbers (GB 11643-1999): normalise, check, mask. Pure functions.

The clear number exists only between the request body and the cipher: nothing here logs it,
and its problems are named by code, never by echoing the value."""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from stdnum.cn import ric
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

LENGTH = 18
FORMAT = re.compile(r"[0-9]{17}[0-9X]")
SHOWN_HEAD, SHOWN_TAIL = 3, 4
# What people type between the groups of digits; full-width forms are folded by NFKC first.
SEPARATORS = str.maketrans("", "", " -\u00a0")


def normalise(text: str) -> str:
    """The number as stored and indexed: ASCII digits, separators removed, a final X upper-case."""
    return unicodedata.normalize("NFKC", text).translate(SEPARATORS).upper()


def problem_with(number: str, today: date) -> str | None:
    """``None`` for a valid normalised number, else one of ``length``, ``format``, ``checksum``,
    ``birth_date``, ``future_birth_date``, ``region``."""
    if len(number) != LENGTH:
        return "length"
    if not FORMAT.fullmatch(number):
        return "format"
    try:
        ric.validate(number)
    except (InvalidLength, InvalidFormat):
        return "format"
    except InvalidChecksum:
        return "checksum"
    except InvalidComponent:
        return "region" if _birth_date(number) else "birth_date"
    return "future_birth_date" if _birth_date(number) > today else None


def _birth_date(number: str) -> date | None:
    try:
        return ric.get_birth_date(number)
    except InvalidComponent:
        return None


def mask(number: str) -> str:
    """``110***********002X``: the first three and the last four characters only."""
    hidden = len(number) - SHOWN_HEAD - SHOWN_TAIL
    return number[:SHOWN_HEAD] + "*" * hidden + number[-SHOWN_TAIL:]
