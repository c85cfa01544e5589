"""Page speed: seed ``BENCH_LISTINGS`` live listings (20,000 by default; the issue's figure is
200,000) with the demo seeder, index them, serve the app with gunicorn (several workers) on a free
localhost port, and measure requests per second of the product page, a category page and home
with ``wrk`` (20 connections, ~10 s each), each as a ratio to a bare "hello" route measured in the
same run: first as anonymous shoppers get them (the page cache on), then with the cache off
(``uncached_*``), rendered for every request as a signed-in shopper's would be. Also reports the
page weights: the product page's HTML and its whole first load (HTML,
stylesheet, scripts and the images the browser fetches at once, the lazy ones left out).

``python -m bench pages`` (SQLite) or ``BENCH_DATABASE_URL=postgresql://... python -m bench pages``.
Results go to ``bench/results/pages-<engine>.json``. Without ``wrk`` a threaded Python client
stands in (and says so), which saturates sooner: ratios are then flattered.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.harness import report

CONNECTIONS = 20
DURATION_S = int(os.environ.get("BENCH_DURATION_S", "10"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(max(2, (os.cpu_count() or 2) * 2))))
ROOT = Path(__file__).resolve().parent.parent


def run() -> None:
    from bench import search as search_bench
    from bench.harness import bench_app

    listings = int(os.environ.get("BENCH_LISTINGS", "20000"))
    app = bench_app()
    figures = {"listings": listings, "workers": WORKERS, "connections": CONNECTIONS, "duration_s": DURATION_S}
    with app.app_context():
        figures.update(search_bench.seed(listings))
        figures.update(search_bench.index())
        engine = search_bench.analyse()
        paths = sample_paths()
    keys = ("SQLALCHEMY_DATABASE_URI", "INSTANCE_PATH", "STORAGE_LOCAL_PATH")
    config = {key: app.config[key] for key in keys}
    config.update(JOBS_INLINE=True, REDIS_URL=None, RATELIMIT_STORAGE_URI="memory://", WTF_CSRF_ENABLED=False)
    # As anonymous shoppers see the pages (the 30-second page cache on), then rendered every time.
    with serve(config) as base:
        figures.update(measure(base, paths))
        figures.update(weights(base, paths["product"]))
    with serve({**config, "PAGE_CACHE_SECONDS": 0}) as base:
        figures.update({f"uncached_{key}": value for key, value in measure(base, paths).items()
                        if key.endswith(("_rps", "_ratio_to_hello"))})
    report(f"pages-{engine}", figures)


def sample_paths() -> dict[str, str]:
    """A live listing from the middle of the catalogue and the biggest top-level category."""
    from sqlalchemy import func, select

    from marketplace.catalog.models import Category, Listing
    from marketplace.extensions import db

    count = db.session.scalar(select(func.count()).select_from(Listing).where(Listing.status == "live"))
    listing_id = db.session.scalar(select(Listing.id).where(Listing.status == "live").order_by(Listing.id)
                                   .offset(count // 2).limit(1))
    category = db.session.scalar(select(Category.slug).where(Category.parent_id.is_(None))
                                 .order_by(Category.position, Category.id).limit(1))
    return {"hello": "/bench/hello", "product": f"/p/{listing_id}", "category": f"/c/{category}", "home": "/"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class serve:  # noqa: N801 - used as a context manager, reads as a verb
    def __init__(self, config: dict):
        self.config, self.port = config, free_port()

    def __enter__(self) -> str:
        env = {**os.environ, "BENCH_PAGES_CONFIG": json.dumps(self.config), "PYTHONPATH": str(ROOT)}
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.process = subprocess.Popen(
            [gunicorn, "-w", str(WORKERS), "-b", f"127.0.0.1:{self.port}", "--log-level", "warning",
             "bench.pages_app:app"], env=env, cwd=ROOT)
        base = f"http://127.0.0.1:{self.port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/bench/hello", timeout=2).read()
                return base
            except OSError:
                time.sleep(0.2)
        self.process.terminate()
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def measure(base: str, paths: dict[str, str]) -> dict:
    tool = "wrk" if shutil.which("wrk") else "python-threads"
    rates = {}
    for name, path in paths.items():
        status = urllib.request.urlopen(base + path, timeout=10).status  # warm every worker's caches
        assert status == 200, (path, status)
        rates[name] = load(base + path) if tool == "wrk" else python_load(base + path)
    figures = {"load_tool": tool, "paths": paths}
    for name, rate in rates.items():
        figures[f"{name}_rps"] = round(rate, 1)
        if name != "hello":
            figures[f"{name}_ratio_to_hello"] = round(rate / rates["hello"], 3)
    return figures


def load(url: str) -> float:
    output = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION_S}s", url],
                            capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    assert errors is None, output
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def python_load(url: str) -> float:
    deadline = time.perf_counter() + DURATION_S

    def client() -> int:
        done = 0
        while time.perf_counter() < deadline:
            urllib.request.urlopen(url, timeout=10).read()
            done += 1
        return done

    started = time.perf_counter()
    with ThreadPoolExecutor(CONNECTIONS) as pool:
        total = sum(pool.map(lambda _: client(), range(CONNECTIONS)))
    return total / (time.perf_counter() - started)


def weights(base: str, product_path: str) -> dict:
    """The product page's HTML bytes, and its first load: HTML, the stylesheet and scripts, and
    every image not marked lazy (what a browser fetches before any scrolling)."""
    html = urllib.request.urlopen(base + product_path).read()
    text = html.decode()
    assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(/static/[^"]+)"', text)
    images = [tag for tag in re.findall(r"<img [^>]+>", text) if 'loading="lazy"' not in tag]
    sources = [re.search(r'src="([^"]+)"', tag).group(1) for tag in images]
    total = len(html) + sum(len(urllib.request.urlopen(base + path).read()) for path in assets + sources)
    return {"product_html_bytes": len(html), "product_first_load_bytes": total,
            "product_first_load_requests": 1 + len(assets) + len(sources)}
