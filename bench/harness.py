"""Shared benchmark plumbing: an app on a throw-away database, timing, reporting."""
from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def bench_app(**overrides):
    from marketplace import create_app
    from marketplace.extensions import db

    folder = tempfile.mkdtemp(prefix="haigou-bench-")
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/bench.db"
    config = {"SQLALCHEMY_DATABASE_URI": url, "INSTANCE_PATH": folder, "JOBS_INLINE": True, "REDIS_URL": None,
              "STORAGE_LOCAL_PATH": f"{folder}/files", "SIGNIN_RATE_LIMIT": "1000000 per minute",
              "RATELIMIT_STORAGE_URI": "memory://", "WTF_CSRF_ENABLED": False}
    config.update(overrides)
    app = create_app({**config, "SQLALCHEMY_DATABASE_URI": _driver(url)})
    with app.app_context():
        db.drop_all()
        db.create_all()
    return app


def _driver(url: str) -> str:
    from marketplace.config import _sqlalchemy_url

    return _sqlalchemy_url(url)


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def timed(call: Callable[[], object], repeat: int, warmup: int = 20) -> dict:
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return {"n": repeat, "p50_ms": round(statistics.median(samples), 2),
            "p95_ms": round(percentile(samples, 0.95), 2), "max_ms": round(max(samples), 2)}


def report(name: str, figures: dict) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    print(f"== {name}")
    for key, value in figures.items():
        print(f"   {key}: {value}")
