"""The listing CSV import: 10,000 rows (5,000 listings of two SKUs) uploaded through the service
and run by a real RQ worker (in-process ``SimpleWorker``, burst mode) on the configured database
(``BENCH_DATABASE_URL``, PostgreSQL for the published figure) and Redis (``BENCH_REDIS_URL``,
default database 11, flushed before and after)."""

from __future__ import annotations

import os
import time
from decimal import Decimal

from bench.harness import bench_app, report

ROWS = 10_000
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
HEADER = (
    "listing_ref,category,brand,title_zh,title_en,description_zh,origin_country,tax_category,routes,"
    "sku_code,options,price,weight_g,stock,submit"
)


def generate(rows: int) -> bytes:
    lines = [HEADER]
    for number in range(rows):
        listing, size = divmod(number, 2)
        lines.append(
            f"L{listing},bench-skincare,Acme,保湿面霜 {listing},Cream {listing},滋润保湿，适合干性肌肤,US,"
            f"bench_cosmetics,direct_mail|bonded,BENCH-{listing}-{size},size={50 * (size + 1)}ml,"
            f"{20 + size}.50,{180 + size * 100},{number % 17},no"
        )
    return "\r\n".join(lines).encode("utf-8")


def seed_shop():
    from marketplace.accounts import services as accounts
    from marketplace.catalog.models import Category
    from marketplace.customs.models import TaxCategory
    from marketplace.extensions import db
    from marketplace.shops.services import create_shop

    user = accounts.register_user("bench-buyer@example.com", "Bench-pass-123", "Bench buyer")
    create_shop(user, name="Bench shop", country="US")
    accounts.add_role(user, "buyer")
    db.session.add(Category(slug="bench-skincare", name_zh="护肤", name_en="Skincare"))
    db.session.add(
        TaxCategory(
            code="bench_cosmetics",
            name_zh="化妆品",
            name_en="Cosmetics",
            vat_rate=Decimal("0.13"),
            consumption_tax_rate=Decimal(0),
            tariff_rate=Decimal("0.05"),
            postal_rate=Decimal("0.20"),
        )
    )
    db.session.commit()
    return user


def import_once(app, connection, data: bytes) -> tuple[float, dict]:
    from rq import SimpleWorker

    from marketplace.core.clock import utcnow
    from marketplace.extensions import db
    from marketplace.imports import services
    from marketplace.jobs import worker
    from marketplace.jobs.models import JobRecord
    from marketplace.storage import get_storage

    user = seed_shop()
    started = time.perf_counter()
    record = services.start_import(
        user.shop, data, actor=user, storage=get_storage(), locale="en", now=utcnow()
    )
    db.session.commit()  # hands the job to RQ
    job_id = record.id
    worker.build_worker(connection, worker_class=SimpleWorker).work(burst=True)
    elapsed = time.perf_counter() - started
    db.session.expire_all()
    finished = db.session.get(JobRecord, job_id)
    return elapsed, {
        "status": finished.status,
        **{key: value for key, value in (finished.result or {}).items() if key != "errors"},
    }


def run() -> None:
    from redis import Redis

    app = bench_app(REDIS_URL=REDIS_URL, JOBS_INLINE=False)
    connection = Redis.from_url(REDIS_URL)
    connection.flushdb()
    data = generate(ROWS)
    try:
        with app.app_context():
            elapsed, outcome = import_once(app, connection, data)
    finally:
        connection.flushdb()
    database = app.config["SQLALCHEMY_DATABASE_URI"].split(":", 1)[0]
    report(
        "csv_import",
        {
            "rows": ROWS,
            "file_kb": len(data) // 1024,
            "database": database,
            "seconds": round(elapsed, 2),
            "rows_per_second": round(ROWS / elapsed, 1),
            "job": outcome,
        },
    )
