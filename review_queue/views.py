from flask import render_template

from review_queue import bp
from marketplace.web import access


@bp.route("/")
@access.reviewer
def queue():
    return render_template("review/queue.html")
