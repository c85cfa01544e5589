"""PostgreSQL only: the text search uses the GIN index, and misspelt Latin names still match
through pg_trgm."""
import pytest
from sqlalchemy import text

from marketplace.extensions import db
from marketplace.search.services import SearchQuery, items_statement, search
from tests.conftest import DATABASE_URL
from tests.search.builders import NOW

pytestmark = [pytest.mark.postgres,
              pytest.mark.skipif(not DATABASE_URL.startswith("postgresql"),
                                 reason="PostgreSQL backend: set TEST_DATABASE_URL")]


def plan(query: SearchQuery, *, fuzzy: bool = False) -> str:
    statement = items_statement(query, now=NOW, fuzzy=fuzzy)
    compiled = statement.compile(dialect=db.session.get_bind().dialect)
    # A handful of test rows would always be read sequentially; forbidding that shows the
    # planner can answer the query from the index, which it does by itself on a real catalogue.
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    rows = db.session.connection().exec_driver_sql("EXPLAIN " + str(compiled), compiled.params).all()
    return "\n".join(row[0] for row in rows)


def test_text_query_uses_the_gin_index(catalogue):
    explained = plan(SearchQuery(text="面霜"))
    assert "ix_search_documents_vector" in explained
    assert "Bitmap Index Scan" in explained


def test_the_typo_tolerant_second_try_uses_the_trigram_index(catalogue):
    explained = plan(SearchQuery(text="lamer cream"), fuzzy=True)
    assert "ix_search_documents_fuzzy" in explained


def test_a_misspelt_brand_matches_by_trigram_when_the_words_find_nothing(catalogue):
    assert [hit.id for hit in search(SearchQuery(text="lancom"), now=NOW).items] == [catalogue.serum.id]
    assert [hit.id for hit in search(SearchQuery(text="la merr"), now=NOW).items] == [catalogue.cream.id]


def test_the_vector_is_generated_from_the_segmented_text(catalogue):
    statement = text("SELECT search_vector::text FROM search_documents WHERE listing_id = :id")
    vector = db.session.execute(statement, {"id": catalogue.formula.id}).scalar_one()
    assert "'奶粉'" in vector and "'meiji'" in vector and "'婴儿'" in vector
