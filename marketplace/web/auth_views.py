"""Sign in, register, sign out and the language switcher: shared by all front doors."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_user, logout_user

from marketplace.accounts import services
from marketplace.accounts.errors import BadCredentials, EmailTaken
from marketplace.core.errors import ValidationFailed
from marketplace.extensions import db, limiter, login_manager
from marketplace.web import access
from marketplace.web.carts import merge_guest_cart
from marketplace.web.forms import LocaleForm, RegisterForm, SignInForm
from marketplace.web.i18n import LOCALE_COOKIE, current_locale

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(user_id: str):
    user = db.session.get(services.User, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.is_active else None


def is_local_path(target: str | None) -> bool:
    """Browsers read ``/\\evil.example`` and ``/<tab>/evil.example`` as ``//evil.example``, so
    backslashes and control characters are refused along with schemes and hosts."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(char) < 0x20 or ord(char) == 0x7F for char in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_next(target: str | None) -> str:
    """Only local paths: an open redirect after sign-in is a phishing tool."""
    return target if is_local_path(target) else url_for("consumer.home")


def signin_limit() -> str:
    return current_app.config["SIGNIN_RATE_LIMIT"]


@bp.route("/sign-in", methods=["GET", "POST"])
@access.public
@limiter.limit(signin_limit, methods=["POST"])
def sign_in():
    form = SignInForm(next=request.args.get("next"))
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except BadCredentials as error:
            form.password.errors.append(error.message)
        else:
            merge_guest_cart(user)
            db.session.commit()
            login_user(user)
            return redirect(safe_next(form.next.data))
    return render_template("auth/sign_in.html", form=form), 422 if form.errors else 200


@bp.route("/register", methods=["GET", "POST"])
@access.public
def register_account():
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            # The language the page was read in becomes the account's setting.
            user = services.register_user(form.email.data, form.password.data, form.display_name.data,
                                          locale=current_locale())
        except EmailTaken as error:
            form.email.errors.append(error.message)
        else:
            merge_guest_cart(user)
            db.session.commit()
            login_user(user)
            flash(_("Welcome to Haigou!"), "success")
            return redirect(url_for("consumer.home"))
    return render_template("auth/register.html", form=form), 422 if form.errors else 200


@bp.route("/sign-out", methods=["POST"])
@access.shopper
def sign_out():
    logout_user()
    return redirect(url_for("consumer.home"))


@bp.route("/locale", methods=["GET", "POST"])
@access.public
def switch_locale():
    """POST (with CSRF) also saves the choice on the signed-in account; GET only sets the
    cookie, which is all an anonymous visitor has."""
    posted = request.method == "POST"
    form = LocaleForm() if posted else LocaleForm(formdata=request.args, meta={"csrf": False})
    if not (form.validate_on_submit() if posted else form.validate()):
        message = _("Choose a language from the list.")
        raise ValidationFailed(message, fields={"locale": [message]})
    chosen = form.locale.data
    response = redirect(safe_next(form.next.data or request.referrer and urlsplit(request.referrer).path))
    response.set_cookie(LOCALE_COOKIE, chosen, max_age=365 * 86400, samesite="Lax", httponly=True,
                        secure=current_app.config["SESSION_COOKIE_SECURE"])
    user = access.current_actor()
    if user is not None and request.method == "POST":
        user.locale = chosen
        db.session.commit()
    return response


def register(app) -> None:
    app.register_blueprint(bp)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = None
