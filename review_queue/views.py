"""The reviewer's pages: the queue with filters, counts and health; the task page with
everything needed to decide; claim, release and decision forms (PRG)."""
from __future__ import annotations

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from marketplace.core.clock import utcnow
from marketplace.core.errors import ValidationFailed
from marketplace.core.pagination import paginate
from marketplace.extensions import db
from marketplace.moderation import claims, services
from marketplace.moderation import queue as queue_reads
from marketplace.moderation.presenters import task_detail
from marketplace.moderation.rules import explain
from marketplace.web import access
from review_queue import bp, forms

PER_PAGE = 50


def queue_filter(form) -> queue_reads.QueueFilter:
    return queue_reads.QueueFilter(**form.filters()) if form.validate() else queue_reads.QueueFilter()


@bp.route("/")
@access.reviewer
def queue():
    form, now = forms.QueueFilterForm(request.args), utcnow()
    number = request.args.get("page", 1, type=int)
    page = paginate(queue_reads.queue_statement(queue_filter(form), now), number, PER_PAGE)
    html = render_template("review/queue.html", form=form, page=page, now=now, counts=queue_reads.counts(now),
                           health=queue_reads.health(now), action_form=forms.ActionForm())
    return html, 422 if form.errors else 200


@bp.route("/tasks/<int:task_id>")
@access.reviewer
def task_page(task_id):
    return render_task(claims.get_task(task_id), forms.DecisionForm())


def render_task(task, decision_form, status: int = 200):
    now = utcnow()
    view = task_detail(task, now, current_app.config["SIGNED_URL_SECONDS"])
    previous, following = queue_reads.neighbours(task, queue_reads.QueueFilter(), now)
    return render_template("review/task.html", task=view, now=now, form=decision_form,
                           action_form=forms.ActionForm(), previous_id=previous, next_id=following), status


@bp.route("/tasks/<int:task_id>/claim", methods=["POST"])
@access.reviewer
def claim(task_id):
    if forms.ActionForm().validate_on_submit():
        task = claims.claim(task_id, g.actor, utcnow())
        db.session.commit()
        until = task.claim_expires_at.strftime("%H:%M")
        flash(_("You hold this task until %(time)s (UTC).", time=until), "success")
    return redirect(url_for("review.task_page", task_id=task_id))


@bp.route("/tasks/<int:task_id>/release", methods=["POST"])
@access.reviewer
def release(task_id):
    if forms.ActionForm().validate_on_submit():
        claims.release(task_id, g.actor, utcnow())
        db.session.commit()
        flash(_("The task is back in the queue."), "success")
    return redirect(url_for("review.queue"))


@bp.route("/tasks/<int:task_id>/decision", methods=["POST"])
@access.reviewer
def decide(task_id):
    task, form = claims.get_task(task_id), forms.DecisionForm()
    if not form.validate_on_submit():
        return render_task(task, form, 422 if form.errors else 400)
    try:
        decided = services.decide(task_id, g.actor, decision=form.decision.data, reasons=form.reasons.data,
                                  note=form.note.data, now=utcnow())
    except ValidationFailed as error:
        db.session.rollback()
        for name, messages in error.fields.items():
            getattr(form, name).errors = list(messages)
        return render_task(claims.get_task(task_id), form, 422)
    db.session.commit()
    flash(_("Waiting for a second reviewer's approval.") if decided.status == "awaiting_second_review"
          else _("Decision recorded."), "success")
    return redirect(url_for("review.queue"))


@bp.context_processor
def helpers() -> dict:
    return {"explain_flag": explain, "flag_label": lambda code: forms.FLAG_LABELS.get(code, code),
            "reason_label": services.reason_label, "status_of": queue_reads.status_of,
            "decision_labels": dict(forms.DECISION_LABELS), "age_text": age_text}


def age_text(since, now) -> str:
    minutes = int((now - since).total_seconds() // 60)
    if minutes < 60:
        return _("%(count)s min", count=minutes)
    if minutes < 48 * 60:
        return _("%(count)s h", count=minutes // 60)
    return _("%(count)s d", count=minutes // (24 * 60))
