"""Catalogue search: seed ``BENCH_LISTINGS`` live listings (200,000 by default) with the demo
seeder, index them, then time ``GET /api/v1/catalog/search`` (and the ``/search`` page) over a
fixed set of 1,000 queries:
1-4 terms, Chinese and English, every fifth with filters and a sort.

Run it once per engine: ``python -m bench search`` (SQLite) and
``BENCH_DATABASE_URL=postgresql://... python -m bench search`` (PostgreSQL). Results go to
``bench/results/search-<engine>.json``. With ``BENCH_REUSE=1`` and a ``BENCH_DATABASE_URL`` it
only times the queries again, on the catalogue the previous run left there.
"""
from __future__ import annotations

import os
import random
import time
from decimal import Decimal

from bench.harness import percentile, report

QUERY_COUNT = 1000
WARMUP = 50
QUERY_SEED = 1000


def run() -> None:
    from bench.harness import bench_app

    listings = int(os.environ.get("BENCH_LISTINGS", "200000"))
    if os.environ.get("BENCH_REUSE") == "1":  # time again on the catalogue a previous run left
        app, figures = reused_app(), {"listings": "reused"}
        with app.app_context():
            engine = analyse()
    else:
        app, figures = bench_app(), {"listings": listings}
        with app.app_context():
            figures.update(seed(listings))
            figures.update(index())
            engine = analyse()
    figures.update(time_queries(app, fixed_queries()))
    figures.update(time_pages(app, fixed_queries()))
    report(f"search-{engine}", figures)


def reused_app():
    from bench.harness import _driver
    from marketplace import create_app

    url = os.environ["BENCH_DATABASE_URL"]
    return create_app({"SQLALCHEMY_DATABASE_URI": _driver(url), "JOBS_INLINE": True, "REDIS_URL": None,
                       "RATELIMIT_STORAGE_URI": "memory://"})


def seed(count: int) -> dict:
    from marketplace.core.clock import utcnow
    from marketplace.demo import seed as demo
    from marketplace.demo.listings import ListingPlanner
    from marketplace.extensions import db
    from marketplace.storage import get_storage

    now = utcnow()
    reference = demo.seed_reference_data(now=now)
    db.session.commit()
    pool = demo.image_pool(get_storage(), seed=2026)
    planner = ListingPlanner(random.Random(2026), shops=reference.shops, category_ids=reference.category_ids,
                             tax_ids=reference.tax_ids, warehouse_codes=reference.warehouse_codes, pool=pool,
                             now=now)
    started = time.perf_counter()
    for _ in demo.add_listings(planner, count, batch_size=5000):
        db.session.commit()
    return {"seed_s": round(time.perf_counter() - started, 1)}


def index() -> dict:
    from marketplace.core.clock import utcnow
    from marketplace.extensions import db
    from marketplace.search import indexing

    started, done = time.perf_counter(), 0
    for done in indexing.reindex_all(5000, now=utcnow()):  # noqa: B007 - the last count is the total
        db.session.commit()
    elapsed = time.perf_counter() - started
    return {"indexed": done, "index_s": round(elapsed, 1), "index_per_s": round(done / max(elapsed, 1e-9))}


def analyse() -> str:
    """Fresh planner statistics, as autovacuum would have after a real load."""
    from marketplace.extensions import db

    engine = db.engine.dialect.name
    with db.engine.connect() as connection:
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        connection.exec_driver_sql("VACUUM ANALYZE" if engine == "postgresql" else "ANALYZE")
    return engine


def vocabulary() -> tuple[list[list[str]], list[str]]:
    """Per demo product, the words a shopper would type for it (Chinese and English), and a flat
    list of every word."""
    from marketplace.demo.products import PRODUCTS, brand_zh
    from marketplace.search.segment import tokens

    per_product = []
    for product in PRODUCTS:
        chinese = tokens(f"{brand_zh(product)} {product.name_zh}", for_index=False)
        english = [word for word in f"{product.brand} {product.name_en}".split() if len(word) > 1]
        per_product.append(chinese + english)
    return per_product, sorted({word for words in per_product for word in words})


def fixed_queries() -> list[dict]:
    from marketplace.demo.data import BUYERS, CATEGORY_TREE

    rng = random.Random(QUERY_SEED)
    per_product, every_word = vocabulary()
    categories = [slug for parent, _, _, children in CATEGORY_TREE
                  for slug in (parent, *(child[0] for child in children))]
    countries = sorted({buyer.country for buyer in BUYERS})
    queries = []
    for number in range(QUERY_COUNT):
        words = rng.choice(per_product) if rng.random() < 0.9 else every_word
        params = {"q": " ".join(rng.sample(words, min(len(words), rng.randint(1, 4))))}
        if number % 5 == 4:
            params.update(filters(rng, categories, countries))
        queries.append(params)
    return queries


def filters(rng: random.Random, categories: list[str], countries: list[str]) -> dict:
    chosen = {}
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(("category", "country", "route", "price", "in_stock", "sort"))
        if kind == "category":
            chosen["category"] = rng.choice(categories)
        elif kind == "country":
            chosen["country"] = rng.choice(countries)
        elif kind == "route":
            chosen["route"] = rng.choice(("direct_mail", "bonded"))
        elif kind == "price":
            low = Decimal(rng.choice((0, 50, 100, 200, 500)))
            chosen.update(min_price=str(low), max_price=str(low * rng.choice((2, 4, 10)) + 100))
        elif kind == "in_stock":
            chosen["in_stock"] = "true"
        else:
            chosen["sort"] = rng.choice(("price_asc", "price_desc", "newest", "best_selling"))
    return chosen


def time_pages(app, queries: list[dict]) -> dict:
    """The shopper's search page for the same queries: the API's work plus the template."""
    client = app.test_client()
    for params in queries[:WARMUP]:
        client.get("/search", query_string=params)
    samples = []
    for params in queries:
        started = time.perf_counter()
        response = client.get("/search", query_string=params)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (params, response.status_code)
    return {"page_p50_ms": round(percentile(samples, 0.5), 2),
            "page_p95_ms": round(percentile(samples, 0.95), 2)}


def time_queries(app, queries: list[dict]) -> dict:
    client = app.test_client()
    for params in queries[:WARMUP]:
        client.get("/api/v1/catalog/search", query_string=params)
    samples, filtered, hits, empty = [], [], 0, 0
    for number, params in enumerate(queries):
        started = time.perf_counter()
        response = client.get("/api/v1/catalog/search", query_string=params)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (params, response.status_code)
        total = response.get_json()["total"]
        hits, empty = hits + total, empty + (total == 0)
        samples.append(elapsed)
        if number % 5 == 4:
            filtered.append(elapsed)
    return {"queries": len(samples), "p50_ms": round(percentile(samples, 0.5), 2),
            "p95_ms": round(percentile(samples, 0.95), 2), "max_ms": round(max(samples), 2),
            "filtered_p50_ms": round(percentile(filtered, 0.5), 2),
            "filtered_p95_ms": round(percentile(filtered, 0.95), 2),
            "mean_results": round(hits / len(samples)), "queries_without_results": empty}
