"""Are PostgreSQL and Redis reachable? In CI they must be; elsewhere their tests skip."""
from __future__ import annotations

import os
import socket

import pytest

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def postgres_up() -> bool:
    return _reachable("127.0.0.1", 5432)


def redis_up() -> bool:
    return _reachable("127.0.0.1", 6379)


def require_in_ci(ci: bool) -> None:
    if not ci:
        return
    missing = [name for name, up in (("PostgreSQL", postgres_up()), ("Redis", redis_up())) if not up]
    if missing:
        pytest.exit(f"CI=true but {', '.join(missing)} unreachable: the suite needs both", returncode=3)


def header() -> str:
    database = os.environ.get("TEST_DATABASE_URL", "sqlite (temporary file)")
    return f"database: {database.split('@')[-1]}; redis: {'up' if redis_up() else 'absent'}"


def needs_redis():
    if not redis_up():
        print("\nnotice: Redis is not reachable at 127.0.0.1:6379; skipping its tests")
        pytest.skip("Redis not reachable")
    return REDIS_URL
