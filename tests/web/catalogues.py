"""The message catalogues as the tests see them: extracted from the sources the way the
Makefile's ``translations`` target does it, and compiled to ``.mo`` when missing or stale.

``.mo`` files are build products (not in Git); a fresh checkout's first test run compiles them.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
LOCALES = ("zh_CN", "en")
# The Makefile passes `-k _l -k lazy_gettext` on top of pybabel's default keywords.
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}


def po_path(locale: str) -> Path:
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


def read_catalogue(locale: str):
    with po_path(locale).open("rb") as po_file:
        return read_po(po_file, locale=locale)


def extracted_messages() -> dict[tuple[str, str | None], tuple[str, ...]]:
    """``{(msgid, context): (msgid, plural...)}`` for every translatable string in the sources."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found: dict[tuple[str, str | None], tuple[str, ...]] = {}
    for _filename, _lineno, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True):
        forms = message if isinstance(message, tuple) else (message,)
        if forms[0]:
            found[(forms[0], context)] = tuple(forms)
    return found


def compile_if_stale() -> None:
    """Write each locale's ``.mo`` when it is missing or older than its ``.po``; atomically,
    since several test runs may share the work tree."""
    for locale in LOCALES:
        source = po_path(locale)
        target = source.with_suffix(".mo")
        if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        catalogue = read_catalogue(locale)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".mo.tmp")
        with os.fdopen(handle, "wb") as mo_file:
            write_mo(mo_file, catalogue, use_fuzzy=False)
        os.replace(temporary, target)
