"""Countries as a shopper sees them: a flag and a name in the page's language."""
from __future__ import annotations

import re

from babel import Locale

REGIONAL_INDICATOR_A = 0x1F1E6
# Two-letter codes CLDR names that are not countries goods come from.
NOT_COUNTRIES = frozenset({"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"})


def flag(code: str | None) -> str:
    """The emoji flag for a two-letter code ("JP" gives 🇯🇵); empty for anything else."""
    code = (code or "").upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        return ""
    return "".join(chr(REGIONAL_INDICATOR_A + ord(letter) - ord("A")) for letter in code)


def country_name(code: str | None, locale: str) -> str:
    code = (code or "").upper()
    babel_locale = Locale.parse("zh_Hans_CN" if str(locale).startswith("zh") else "en")
    return babel_locale.territories.get(code, code)


def is_country(code: str) -> bool:
    if not re.fullmatch(r"[A-Za-z]{2}", code or "") or code.upper() in NOT_COUNTRIES:
        return False
    return code.upper() in Locale.parse("en").territories
