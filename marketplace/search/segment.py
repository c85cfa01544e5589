"""Turning text into search tokens, the same way for documents and for queries.

Chinese has no spaces between words, so runs of Han characters are cut into words by jieba
(search mode for documents, which also yields the shorter words inside longer ones, so 面霜 is
found inside 保湿面霜; documents also carry every two-character piece of a longer Chinese word, so
洁面 finds 洁面乳, which the dictionary keeps whole). Everything else is split into words of
letters and digits, folded to lower case without accents, so "LA MER" and "la mer" and "Estée" /
"estee" meet. The result is a list
of plain tokens (no punctuation, no operators) that both backends index and query verbatim.

jieba's HMM guesser is off on both sides: it invents words from context, so a query and a title
containing the same characters could be cut differently and miss each other.
"""
from __future__ import annotations

import logging
import re
import threading
import unicodedata

import jieba

MAX_QUERY_CHARS = 200
MAX_QUERY_TOKENS = 12
MAX_TOKEN_CHARS = 40

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PIECES = re.compile(rf"[{_HAN}]+|[^\W_{_HAN}]+")
_HAN_RUN = re.compile(rf"[{_HAN}]")
_ready = threading.Lock()
_initialised = False


def _jieba() -> jieba.Tokenizer:
    """jieba's dictionary, loaded once per process (about a second), without its log lines."""
    global _initialised
    if not _initialised:
        with _ready:
            if not _initialised:
                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                _initialised = True
    return jieba.dt


def fold(text: str) -> str:
    """Lower case, full-width to half-width, accents dropped; control characters become spaces."""
    text = unicodedata.normalize("NFKC", text or "")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(" " if unicodedata.category(c).startswith("C") else c for c in kept)


def _words(piece: str, *, for_index: bool) -> list[str]:
    if not _HAN_RUN.match(piece):
        return [piece]
    tokenizer = _jieba()
    if not for_index:
        return _join_single_characters([word for word in tokenizer.cut(piece, HMM=False) if word.strip()])
    words = [word for word in tokenizer.cut_for_search(piece, HMM=False) if word.strip()]
    pieces = [bigram for word in words if len(word) > 2 for bigram in _bigrams(word)]
    return words + pieces + _join_single_characters(words)


def _join_single_characters(words: list[str]) -> list[str]:
    """A query word the dictionary does not know comes out as single characters (洁面 → 洁, 面);
    joined back into two-character pieces it meets the pieces documents carry."""
    joined, run = [], []
    for word in [*words, ""]:
        if len(word) == 1:
            run.append(word)
            continue
        joined += _bigrams("".join(run)) if len(run) > 1 else run
        run = []
        if word:
            joined.append(word)
    return joined


def _bigrams(word: str) -> list[str]:
    """The two-character words inside a longer one that the dictionary keeps whole: jieba leaves
    洁面乳 in one piece, and a shopper typing 洁面 must still find it."""
    return [word[index:index + 2] for index in range(len(word) - 1)]


def tokens(text: str, *, for_index: bool = True) -> list[str]:
    """The distinct tokens of ``text`` in order of first appearance."""
    seen: dict[str, None] = {}
    for piece in _PIECES.findall(fold(text)):
        for word in _words(piece, for_index=for_index):
            seen.setdefault(word[:MAX_TOKEN_CHARS], None)
    return list(seen)


def document_text(*texts: str | None) -> str:
    """The segmented text of a document: its tokens joined by spaces."""
    seen: dict[str, None] = {}
    for text in texts:
        for token in tokens(text or ""):
            seen.setdefault(token, None)
    return " ".join(seen)


def query_tokens(text: str | None) -> list[str]:
    """A shopper's query as at most ``MAX_QUERY_TOKENS`` tokens. Any input is safe: the tokens
    hold only letters, digits and Han characters, and every backend quotes them besides."""
    return tokens((text or "")[:MAX_QUERY_CHARS], for_index=False)[:MAX_QUERY_TOKENS]
