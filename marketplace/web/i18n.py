"""Which language a request is served in, and formatting helpers for templates.

Pages: the signed-in user's setting, then the switcher's cookie, then ``Accept-Language``, then
zh_CN. The API: ``Accept-Language`` first (API.md), then the user's setting.
"""
from __future__ import annotations

from babel import support
from flask import g, has_app_context, has_request_context, request
from flask_babel import Domain, format_date, format_datetime, format_decimal, get_babel, get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from marketplace.extensions import babel
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
    if not has_request_context():  # a job or a command: callers wanting another use force_locale
        return DEFAULT_LOCALE
    if request.path.startswith("/api/"):
        return _from_header() or _from_user() or DEFAULT_LOCALE
    return _from_user() or locale_without_user()


def locale_without_user() -> str:
    """The page locale from the request alone (cookie, then header): an error page falls back to
    it when loading the signed-in user is what failed."""
    cookie = request.cookies.get(LOCALE_COOKIE)
    return (cookie if cookie in LOCALES else None) or _from_header() or DEFAULT_LOCALE


def select_timezone() -> str:
    return "Asia/Shanghai"


def current_locale() -> str:
    """The request's locale as one of ``LOCALES``: Babel spells zh_CN ``zh_Hans_CN``."""
    locale = get_locale()
    return "en" if locale is not None and locale.language == "en" else DEFAULT_LOCALE


class CatalogueDomain(Domain):
    """Finds a locale's catalogue by its ``LOCALES`` code. Flask-Babel looks under Babel's
    identifier, and Babel spells zh_CN ``zh_Hans_CN``, so translations/zh_CN would go unread."""

    def get_translations(self):
        if not has_app_context():
            return support.NullTranslations()
        directories = tuple(get_babel().translation_directories)
        key = (directories, current_locale())
        if key not in self.cache:
            translations = support.Translations()
            for directory in directories:
                catalogue = support.Translations.load(directory, [key[1]], self.domain[0])
                translations.merge(catalogue)
                translations.plural = getattr(catalogue, "plural", translations.plural)
            self.cache[key] = translations
        return self.cache[key]


def format_money(money: Money | None) -> str:
    return "" if money is None else money.format(current_locale())


def register(app) -> None:
    babel.domain_instance = CatalogueDomain()
    # {% trans %} blocks lose their line breaks and indentation, as babel.cfg extracts them.
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.jinja_env.globals.update(
        locales=LOCALES, current_locale=current_locale,
        format_money=format_money, format_datetime=format_datetime, format_date=format_date,
        format_decimal=format_decimal, status_label=status_label,
    )
