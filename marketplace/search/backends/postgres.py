"""PostgreSQL: the stored ``tsvector`` (GIN) for words, pg_trgm for misspelt Latin names.

The tokens are already plain words; ``plainto_tsquery`` reads them as such whatever they contain
(no operator syntax), and the ``simple`` configuration neither stems nor drops stop words, so a
token matches exactly what ``segment`` put in the document.
"""
from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import ColumnElement, Select, func, literal_column

from marketplace.search.backends.base import Matched, TextBackend, boost
from marketplace.search.models import SearchDocument as Doc

SIMPLE = literal_column("'simple'::regconfig")
LATIN = re.compile(r"^[a-z0-9]+$")
# Trigram matching needs a few letters to be meaningful, and stays off for long phrases where
# the word index already does the job.
FUZZY_CHARS = (4, 60)
LENGTH_NORMALISATION = 1


class PostgresBackend(TextBackend):
    def match(self, statement: Select, tokens: list[str], now: datetime) -> tuple[Select, ColumnElement]:
        query = func.plainto_tsquery(SIMPLE, " ".join(tokens))
        # Normalisation 1 divides by the log of the document's length: of two titles holding the
        # words, the shorter, more specific one ranks first.
        rank = func.ts_rank(Doc.search_vector, query, LENGTH_NORMALISATION)
        return statement.where(Doc.search_vector.op("@@")(query)), rank * boost(now)

    def fuzzy_match(self, statement: Select, tokens: list[str], now: datetime) -> Matched | None:
        """Trigram word similarity on brand and English title, for Latin queries only: a second
        chance for "lancom" or "estee lauda". Not tried alongside the words because on common
        words it matches much of the catalogue and costs far more than the word index."""
        text = " ".join(tokens)
        latin = all(LATIN.match(token) for token in tokens)
        if not latin or not FUZZY_CHARS[0] <= len(text) <= FUZZY_CHARS[1]:
            return None
        similarity = func.word_similarity(text, Doc.fuzzy_text)
        return statement.where(Doc.fuzzy_text.op("%>")(text)), similarity * boost(now)
