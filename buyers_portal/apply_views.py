"""Applying to become a buyer: the portal's only pages open to a signed-in user without a shop.
One page shows the application's status, the reviewer's reasons and note, the documents, and the
form while the application may be edited; saving is PRG, refusals show the problems with 422."""
from __future__ import annotations

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from buyers_portal import bp
from buyers_portal.apply_forms import DOCUMENT_LABELS, ApplicationForm, form_data
from marketplace.certification import documents
from marketplace.certification import services as certification
from marketplace.certification.errors import ApplicationNotEditable
from marketplace.core.clock import utcnow
from marketplace.core.errors import DomainError, ValidationFailed
from marketplace.extensions import db
from marketplace.moderation.services import reason_label
from marketplace.web import access
from marketplace.web.forms import show_errors

APPLICATION_STATUS_LABELS = {
    "draft": _l("Draft: not sent yet"), "submitted": _l("Submitted: waiting for review"),
    "approved": _l("Approved"), "rejected": _l("Rejected"),
    "changes_requested": _l("Changes requested: edit and submit again"),
}


def _is_buyer(user) -> bool:
    return user.shop is not None


def _form(application, *, posted: bool):
    """The posted form, or one prefilled from the application (a rejected one seeds a new try).
    A posted form never falls back to stored values: unticking every category must stick."""
    if posted:
        form = ApplicationForm()
    else:
        stored = form_data(application) if application is not None else None
        form = ApplicationForm(formdata=None, data=stored)
    form.fill_choices()
    return form


def _checked_uploads(form) -> tuple[list, dict]:
    uploads, problems = [], {}
    for kind, file in form.files().items():
        try:
            data = file.stream.read(documents.MAX_DOCUMENT_BYTES + 1)
            uploads.append(documents.check_upload(kind, file.filename, data, field=kind))
        except ValidationFailed as error:
            problems.update(error.fields)
    return uploads, problems


def _save(form, application):
    """Create or edit the application and store the chosen files, all or nothing. Files are
    checked before anything is written, so a refused file never leaves a stored one behind."""
    uploads, problems = _checked_uploads(form)
    now = utcnow()
    try:
        if application is None or not application.is_editable:
            application = certification.create_application(g.actor, form.values(), now=now)
        else:
            certification.update_application(g.actor, application, form.values(), now=now)
    except ValidationFailed as error:
        problems = {**error.fields, **problems}
    if problems:
        db.session.rollback()
        show_errors(form, ValidationFailed(fields=problems))
        return False
    for upload in uploads:
        certification.upload_document(g.actor, application, upload, now=now)
    db.session.commit()
    return True


def _page(form, application, status: int = 200):
    links = documents.links(application, expires_in=current_app.config["SIGNED_URL_SECONDS"], now=utcnow()) \
        if application is not None else []
    return render_template("buyers/apply.html", form=form, application=application, links=links,
                           document_labels=DOCUMENT_LABELS, status_labels=APPLICATION_STATUS_LABELS,
                           reason_label=reason_label), status


@bp.route("/apply", methods=["GET", "POST"])
@access.shopper
def apply():
    if _is_buyer(g.actor):
        return redirect(url_for("buyers.dashboard"))
    application = certification.latest_application(g.actor, lock=request.method == "POST")
    form = _form(application, posted=request.method == "POST")
    if request.method == "POST":
        if application is not None and application.status == "submitted":
            raise ApplicationNotEditable()
        if form.validate_on_submit() and _save(form, application):
            flash(_("Your application was saved. Submit it when every document is uploaded."), "success")
            return redirect(url_for("buyers.apply"))
        return _page(form, application, 422)
    return _page(form, application)


@bp.route("/apply/submit", methods=["POST"])
@access.shopper
def submit_application():
    application = certification.latest_application(g.actor, lock=True)
    if application is None or _is_buyer(g.actor):
        return redirect(url_for("buyers.apply"))
    try:
        certification.submit_application(g.actor, application, now=utcnow())
    except DomainError as error:
        db.session.rollback()
        form = _form(application, posted=False)
        form.form_errors.append(error.message)
        return _page(form, application, error.status)
    db.session.commit()
    flash(_("Your application was sent for review. We will let you know the decision."), "success")
    return redirect(url_for("buyers.apply"))
