"""The admin's page for the pre-screening thresholds (the same settings as
``/api/v1/admin/moderation/rules``): every rule's switch, weight and thresholds, and the four-eyes
limits. The form is built from the settings' defaults, so a rule added later appears by itself."""
from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.core.clock import utcnow
from marketplace.core.errors import ValidationFailed
from marketplace.extensions import db
from marketplace.moderation import settings
from marketplace.ops import bp
from marketplace.web import access

GROUP_LABELS = {
    "banned_words": _l("Words that suggest a fake"),
    "absolute_claims": _l("Absolute claims in titles"),
    "not_on_positive_list": _l("Tax category off the positive list"),
    "prohibited_category": _l("Prohibited categories"),
    "price_below_median": _l("Price far below the median"),
    "too_few_images": _l("Too few pictures"), "missing_proof": _l("No authenticity proof"),
    "duplicate_image": _l("Picture used by another shop"),
    "brand_not_in_title": _l("Brand missing from title"),
    "recent_rejections": _l("Buyer with recent rejections"), "missing_documents": _l("Missing documents"),
    "odd_documents": _l("Unusual documents"), "four_eyes": _l("Second reviewer (four eyes)"),
}
SETTING_LABELS = {
    "enabled": _l("On"), "weight": _l("Risk weight"), "words": _l("Words, one per line"),
    "categories": _l("Category slugs, one per line"),
    "tax_categories": _l("Tax category codes, one per line"),
    "ratio": _l("Share of the median price (0.30 means 30 percent)"),
    "minimum_sample": _l("Live listings needed"),
    "minimum": _l("Minimum"), "max_distance": _l("Largest picture difference (bits)"),
    "days": _l("Days looked back"), "required": _l("Document kinds required, one per line"),
    "min_bytes": _l("Smallest file (bytes)"), "max_bytes": _l("Largest file (bytes)"),
    "content_types": _l("File types accepted, one per line"), "price_cny": _l("Above this price (CNY)"),
    "risk_score": _l("At this risk score or more"),
    "rule_error_weight": _l("Risk weight of a check that failed to run"),
}


def leaves(values: dict, prefix: str = ""):
    """(dotted name, value) for every setting, in the defaults' order."""
    for key, value in values.items():
        if isinstance(value, dict):
            yield from leaves(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def submitted_value(form, name: str, default):
    """The form's value in the setting's shape; a bad number goes to the service as given, so it
    reports the problem in the usual words."""
    if isinstance(default, bool):
        return name in form
    raw = form.get(name, "")
    if isinstance(default, list):
        return [line.strip() for line in raw.splitlines() if line.strip()]
    if isinstance(default, int):
        return int(raw) if raw.strip().isdigit() else raw
    return raw.strip()


def changes_from(form) -> dict:
    changes: dict = {}
    for name, default in leaves(settings.defaults()):
        *groups, key = name.split(".")
        target = changes
        for group in groups:
            target = target.setdefault(group, {})
        target[key] = submitted_value(form, name, default)
    return changes


def fields_of(values: dict) -> list[dict]:
    """The form's fields, grouped by rule, with their labels and current values."""
    groups: dict[str, list] = {}
    for name, value in leaves(values):
        parts = name.split(".")
        group = parts[-2] if len(parts) > 1 else "general"
        kind = ("checkbox" if isinstance(value, bool) else "lines" if isinstance(value, list)
                else "number" if isinstance(value, int) else "decimal")
        shown = "\n".join(value) if isinstance(value, list) else value
        groups.setdefault(group, []).append({"name": name, "kind": kind, "value": shown,
                                             "label": SETTING_LABELS.get(parts[-1], parts[-1])})
    return [{"label": GROUP_LABELS.get(group, _("General")), "fields": fields}
            for group, fields in groups.items()]


@bp.route("/moderation", methods=["GET", "POST"])
@access.admin
def moderation_settings():
    errors: dict = {}
    if request.method == "POST":
        try:
            settings.update(g.actor, changes_from(request.form), now=utcnow())
        except ValidationFailed as error:
            db.session.rollback()
            errors = error.fields
        else:
            db.session.commit()
            flash(_("The pre-screening settings are saved."), "success")
            return redirect(url_for("ops.moderation_settings"))
    values = changes_from(request.form) if errors else settings.current()
    page = render_template("ops/moderation.html", groups=fields_of(_display(values)), errors=errors)
    return page, 422 if errors else 200


def _display(values: dict) -> dict:
    """What the form shows: the admin's input after a refused submit, with the defaults' shape."""
    merged = settings.defaults()
    for name, value in leaves(values):
        *groups, key = name.split(".")
        target = merged
        for group in groups:
            target = target[group]
        target[key] = value
    return merged
