"""Which language a request is served in, and formatting helpers for templates.

Pages: the signed-in user's setting, then the switcher's cookie, then ``Accept-Language``, then
zh_CN. The API: ``Accept-Language`` first (API.md), then the user's setting.
"""
from __future__ import annotations

from flask import g, request
from flask_babel import format_date, format_datetime, format_decimal, get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from marketplace.money.money import Money

LOCALES = ("zh_CN", "en")
DEFAULT_LOCALE = "zh_CN"
LOCALE_COOKIE = "locale"


def _from_header() -> str | None:
    if not request.accept_languages:
        return None
    return request.accept_languages.best_match(LOCALES)


def _from_user() -> str | None:
    user = g.get("api_user") if request.path.startswith("/api/") else (
        current_user if current_user.is_authenticated else None)
    return user.locale if user is not None and user.locale in LOCALES else None


STATUS_LABELS = {
    "draft": _l("Draft"), "pending_review": _l("Pending review"), "live": _l("Live"),
    "rejected": _l("Rejected"), "changes_requested": _l("Changes requested"), "delisted": _l("Delisted"),
    "suspended": _l("Suspended"),
}


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def select_locale() -> str:
    if request.path.startswith("/api/"):
        return _from_header() or _from_user() or DEFAULT_LOCALE
    cookie = request.cookies.get(LOCALE_COOKIE)
    return _from_user() or (cookie if cookie in LOCALES else None) or _from_header() or DEFAULT_LOCALE


def select_timezone() -> str:
    return "Asia/Shanghai"


def format_money(money: Money | None) -> str:
    return "" if money is None else money.format(str(get_locale()))


def register(app) -> None:
    app.jinja_env.globals.update(
        locales=LOCALES, current_locale=lambda: str(get_locale()),
        format_money=format_money, format_datetime=format_datetime, format_date=format_date,
        format_decimal=format_decimal, status_label=status_label,
    )
