"""Helpers for page tests: a second app with other settings (CSRF on, a low rate limit,
production) sharing the test database, and reading a form's CSRF token from a page."""
from __future__ import annotations

import re

import pytest

from tests.conftest import app_config

CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, path: str = "/sign-in") -> str:
    match = CSRF_INPUT.search(client.get(path).get_data(as_text=True))
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def session_user_id(client) -> str | None:
    with client.session_transaction() as session:
        return session.get("_user_id")


@pytest.fixture
def make_app(app):
    """``make_app(SETTING=value)``: another app on the same database (and the same test
    transaction), for settings the shared ``app`` fixture does not have."""
    from marketplace import create_app

    def build(**overrides):
        return create_app(app_config(**overrides))

    return build


@pytest.fixture
def csrf_app(make_app):
    return make_app(WTF_CSRF_ENABLED=True)
