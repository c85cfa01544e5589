"""Pre-screening rules, registered in one place.

A rule is a small named function ``rule(subject, settings, now) -> list[flag]``; its thresholds
are data (``DEFAULTS`` here, overridden by the admin in ``settings.py``). A flag is a plain dict
``{code, weight, params}``: the explanation is translated when it is shown (``explain``), so a
reviewer reads it in their own language. ``run_rules`` runs every enabled rule of a kind; a rule
that crashes adds a ``rule_error`` flag for a human instead of losing the submission.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from flask_babel import lazy_gettext as _l

from marketplace.core.numbers import plain_decimal
from marketplace.moderation import facts

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rule:
    code: str
    kinds: tuple[str, ...]
    function: Callable
    defaults: dict


RULES: dict[str, Rule] = {}

EXPLANATIONS = {
    "banned_words": _l("Contains words that suggest a fake: %(words)s."),
    "absolute_claims": _l("The title makes absolute claims the Advertising Law forbids: %(words)s."),
    "not_on_positive_list": _l("The tax category %(tax_category)s is not on the positive list."),
    "prohibited_category": _l("The category %(category)s is prohibited."),
    "price_below_median": _l("Price %(price)s CNY is under %(percent)s%% of the category median "
                             "%(median)s CNY."),
    "too_few_images": _l("Only %(count)s images; at least %(minimum)s expected."),
    "missing_proof": _l("No authenticity proof is attached."),
    "duplicate_image": _l("An image matches an image of another shop (listing %(listing)s)."),
    "brand_not_in_title": _l("The title does not name the brand %(brand)s."),
    "recent_rejections": _l("%(count)s rejection(s) in the last %(days)s days."),
    "missing_documents": _l("Documents missing: %(kinds)s."),
    "odd_documents": _l("Unusual document %(kind)s: %(problem)s."),
    "rule_error": _l("The check %(rule)s failed on this submission: please check by hand."),
    "subject_missing": _l("The submission could not be found."),
}
DOCUMENT_PROBLEMS = {"type": _l("file type not accepted"), "small": _l("file too small to be legible"),
                     "large": _l("file unusually large")}


def explain(flag: dict) -> str:
    message = EXPLANATIONS.get(flag.get("code"))
    if message is None:
        return flag.get("code", "")
    params = dict(flag.get("params") or {})
    if "problem" in params:
        params["problem"] = str(DOCUMENT_PROBLEMS.get(params["problem"], params["problem"]))
    try:
        return str(message) % params
    except (KeyError, TypeError, ValueError):
        return str(message).split("%(")[0].strip()


def rule(code: str, kinds: tuple[str, ...], *, weight: int, **thresholds):
    def register(function):
        RULES[code] = Rule(code, kinds, function, {"enabled": True, "weight": weight, **thresholds})
        return function

    return register


def flag(code: str, settings: dict, **params) -> dict:
    return {"code": code, "weight": int(settings["weight"]), "params": params}


def _found(texts: list[str], words: list[str]) -> list[str]:
    haystack = "\n".join(texts).casefold()
    return [word for word in words if word and word.casefold() in haystack]


LISTING, APPLICATION, BOTH = ("listing",), ("buyer_application",), ("listing", "buyer_application")


@rule("banned_words", BOTH, weight=40, words=["replica", "高仿", "A货", "复刻", "1:1", "原单", "仿品",
                                              "超A"])
def banned_words(subject, settings, now):
    words = _found(subject.texts(), settings["words"])
    return [flag("banned_words", settings, words=", ".join(words))] if words else []


@rule("absolute_claims", LISTING, weight=10,
      words=["最", "第一", "顶级", "极品", "国家级", "best in the world"])
def absolute_claims(subject, settings, now):
    words = _found(subject.titles(), settings["words"])
    return [flag("absolute_claims", settings, words=", ".join(words))] if words else []


@rule("not_on_positive_list", LISTING, weight=50)
def not_on_positive_list(subject, settings, now):
    if subject.tax_on_positive_list:
        return []
    return [flag("not_on_positive_list", settings, tax_category=subject.tax_code or "?")]


@rule("prohibited_category", LISTING, weight=60, categories=[], tax_categories=[])
def prohibited_category(subject, settings, now):
    if subject.category_slug in settings["categories"]:
        return [flag("prohibited_category", settings, category=subject.category_slug)]
    if subject.tax_code in settings["tax_categories"]:
        return [flag("prohibited_category", settings, category=subject.tax_code)]
    return []


@rule("price_below_median", LISTING, weight=30, ratio="0.30", minimum_sample=5)
def price_below_median(subject, settings, now):
    price = subject.lowest_price_cny
    if price is None or subject.category_id is None:
        return []
    median = subject.category_median_cny(minimum_sample=int(settings["minimum_sample"]))
    ratio = Decimal(str(settings["ratio"]))
    if median is None or price >= median * ratio:
        return []
    return [flag("price_below_median", settings, price=str(price), median=str(median),
                 percent=plain_decimal(ratio * 100))]


@rule("too_few_images", LISTING, weight=10, minimum=3)
def too_few_images(subject, settings, now):
    count = len(subject.image_keys)
    return [flag("too_few_images", settings, count=count, minimum=settings["minimum"])] \
        if count < int(settings["minimum"]) else []


@rule("missing_proof", LISTING, weight=25)
def missing_proof(subject, settings, now):
    return [] if subject.proof_key else [flag("missing_proof", settings)]


@rule("duplicate_image", LISTING, weight=35, max_distance=6)
def duplicate_image(subject, settings, now):
    match = subject.image_used_by_another_shop(int(settings["max_distance"]))
    return [flag("duplicate_image", settings, listing=match)] if match is not None else []


@rule("brand_not_in_title", LISTING, weight=5)
def brand_not_in_title(subject, settings, now):
    brand = (subject.content.get("brand") or "").strip()
    if not brand or _found(subject.titles(), [brand]):
        return []
    return [flag("brand_not_in_title", settings, brand=brand)]


@rule("recent_rejections", BOTH, weight=20, days=30, minimum=1)
def recent_rejections(subject, settings, now):
    since = now - timedelta(days=int(settings["days"]))
    if subject.kind == "listing":
        count = facts.rejections_since(since, shop_id=subject.shop_id)
    elif subject.applicant_id is None:
        return []
    else:
        count = facts.rejections_since(since, submitted_by_id=subject.applicant_id,
                                       kind="buyer_application")
    if count < int(settings["minimum"]):
        return []
    return [flag("recent_rejections", settings, count=count, days=settings["days"])]


@rule("missing_documents", APPLICATION, weight=40, required=["identity", "residence", "sourcing"])
def missing_documents(subject, settings, now):
    present = {document.kind for document in subject.documents}
    missing = [kind for kind in settings["required"] if kind not in present]
    return [flag("missing_documents", settings, kinds=", ".join(missing))] if missing else []


@rule("odd_documents", APPLICATION, weight=15, min_bytes=2000, max_bytes=20_000_000,
      content_types=["image/jpeg", "image/png", "image/webp", "application/pdf"])
def odd_documents(subject, settings, now):
    flags = []
    for document in subject.documents:
        problem = _document_problem(document, settings)
        if problem:
            flags.append(flag("odd_documents", settings, kind=document.kind, problem=problem))
    return flags


def _document_problem(document, settings) -> str | None:
    if document.content_type and document.content_type not in settings["content_types"]:
        return "type"
    if document.size is not None and document.size < int(settings["min_bytes"]):
        return "small"
    if document.size is not None and document.size > int(settings["max_bytes"]):
        return "large"
    return None


def run_rules(subject, settings: dict, now: datetime) -> list[dict]:
    """Every enabled rule of the subject's kind, in registration order."""
    flags = []
    for code, registered in RULES.items():
        rule_settings = settings["rules"].get(code, registered.defaults)
        if subject.kind not in registered.kinds or not rule_settings.get("enabled", True):
            continue
        try:
            flags.extend(registered.function(subject, rule_settings, now))
        except Exception:
            log.exception("pre-screening rule %s failed on %s %s", code, subject.kind, subject.id)
            flags.append({"code": "rule_error", "weight": int(settings["rule_error_weight"]),
                          "params": {"rule": code}})
    return flags


def risk_score(flags: list[dict]) -> int:
    return sum(int(item.get("weight", 0)) for item in flags)
