"""The app gunicorn serves for ``bench/pages.py``: the real app, on the benchmark's database,
plus a bare "hello" route (registered here only) to measure the pages against."""
from __future__ import annotations

import json
import os

from marketplace import create_app
from marketplace.web import access


def build():
    app = create_app(json.loads(os.environ["BENCH_PAGES_CONFIG"]))

    @app.route("/bench/hello")
    @access.public
    def bench_hello():
        return "hello"

    return app


app = build()
