from flask import render_template

from marketplace.ops import bp
from marketplace.web import access

OPS_STAFF = access.Rule("admin", ("admin", "warehouse"))


@bp.route("/")
@access.requires(OPS_STAFF)
def index():
    return render_template("ops/index.html")
