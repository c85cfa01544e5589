"""The reviewer's forms (CSRF-protected by Flask-WTF). They carry text only: the moderation
services check every value, so the page refuses exactly what the API refuses."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectField, SelectMultipleField, TextAreaField, widgets
from wtforms.validators import NumberRange, Optional

from marketplace.moderation.models import REASON_CODES
from marketplace.moderation.rules import EXPLANATIONS
from marketplace.moderation.services import REASON_LABELS

DECISION_LABELS = (("approve", _l("Approve")), ("reject", _l("Reject")),
                   ("request_changes", _l("Request changes")))
KIND_LABELS = (("", _l("All kinds")), ("listing", _l("Listings")),
               ("buyer_application", _l("Buyer applications")))
STATUS_LABELS = (("", _l("Waiting (not decided)")), ("open", _l("Open")), ("claimed", _l("Claimed")),
                 ("awaiting_second_review", _l("Awaiting second review")), ("decided", _l("Decided")))
FLAG_LABELS = {
    "banned_words": _l("Banned words"), "absolute_claims": _l("Absolute claims"),
    "not_on_positive_list": _l("Not on the positive list"), "prohibited_category": _l("Prohibited category"),
    "price_below_median": _l("Price far below median"), "too_few_images": _l("Too few images"),
    "missing_proof": _l("No authenticity proof"), "duplicate_image": _l("Image used by another shop"),
    "brand_not_in_title": _l("Brand not in title"), "recent_rejections": _l("Recent rejections"),
    "missing_documents": _l("Missing documents"), "odd_documents": _l("Unusual documents"),
    "rule_error": _l("Check failed"), "subject_missing": _l("Submission missing"),
}


class ActionForm(FlaskForm):
    """Claim, renew, release: nothing but the CSRF token."""


class DecisionForm(FlaskForm):
    decision = RadioField(_l("Decision"), choices=DECISION_LABELS, validate_choice=False)
    reasons = SelectMultipleField(_l("Reasons"), validate_choice=False,
                                  choices=[(code, REASON_LABELS[code]) for code in REASON_CODES],
                                  widget=widgets.ListWidget(prefix_label=False),
                                  option_widget=widgets.CheckboxInput())
    note = TextAreaField(_l("Note to the buyer"))


class QueueFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter changes nothing

    kind = SelectField(_l("Kind"), choices=KIND_LABELS, default="")
    status = SelectField(_l("Status"), choices=STATUS_LABELS, default="")
    flag = SelectField(_l("Flag"), default="", choices=[("", _l("Any flag"))]
                       + [(code, FLAG_LABELS.get(code, code)) for code in EXPLANATIONS])
    min_risk = IntegerField(_l("Risk at least"), validators=[Optional(), NumberRange(min=0, max=1_000_000)])
    older_than_hours = IntegerField(_l("Older than (hours)"), validators=[Optional(),
                                                                          NumberRange(min=0, max=100_000)])

    def filters(self) -> dict:
        return {name: (getattr(self, name).data or None) for name in ("kind", "status", "flag")} | {
            "min_risk": self.min_risk.data, "older_than_hours": self.older_than_hours.data}
