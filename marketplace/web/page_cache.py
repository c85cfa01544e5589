"""A short cache of the public pages as anonymous visitors see them.

Most shoppers browse before they sign in, and an anonymous product or category page is the same
for everyone who asks for it in the same language: no session, no CSRF token, no name in the
header. Such a response is kept for ``PAGE_CACHE_SECONDS`` (30 by default; 0 turns the cache
off) per worker process. Prices and stock on a cached page may be that many seconds old, which
is harmless: checkout computes every amount and reserves stock on the server. Signed-in visitors
and any request carrying a session are never served from it or stored in it. Each process keeps
its own copy, so nothing has to agree across processes; the lifetime bounds the staleness.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from functools import wraps

from flask import current_app, request, session
from flask_babel import get_locale
from flask_login import current_user
from werkzeug.wrappers import Response

MAX_ENTRIES = 2000


class PageCache:
    def __init__(self, max_entries: int = MAX_ENTRIES):
        self.entries: OrderedDict[tuple, tuple[float, bytes, int, list]] = OrderedDict()
        self.max_entries = max_entries
        self.lock = threading.Lock()

    def get(self, key: tuple, now: float):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or entry[0] <= now:
                self.entries.pop(key, None)
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key: tuple, entry: tuple) -> None:
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)


def _store() -> PageCache:
    return current_app.extensions.setdefault("page_cache", PageCache())


def _cacheable() -> bool:
    cookie = current_app.config.get("SESSION_COOKIE_NAME", "session")
    return (current_app.config.get("PAGE_CACHE_SECONDS", 0) > 0 and request.method == "GET"
            and cookie not in request.cookies and not current_user.is_authenticated)


def _storable(response: Response) -> bool:
    return (response.status_code == 200 and not session.modified and "Set-Cookie" not in response.headers
            and not response.direct_passthrough)


def anonymous_page(view):
    """Serve ``view``'s anonymous response from the cache while it is fresh."""

    @wraps(view)
    def cached(*args, **kwargs):
        if not _cacheable():
            return view(*args, **kwargs)
        key, now = (request.full_path, str(get_locale())), time.monotonic()
        entry = _store().get(key, now)
        if entry is not None:
            return Response(entry[1], status=entry[2], headers=entry[3])
        response = current_app.make_response(view(*args, **kwargs))
        if _storable(response):
            lifetime = current_app.config["PAGE_CACHE_SECONDS"]
            _store().put(key, (now + lifetime, response.get_data(), response.status_code,
                               list(response.headers.items())))
        return response

    return cached
