"""Security headers on every response, and cookie flags production may not weaken."""
from flask import abort, current_app, request

CSP = ("default-src 'self'; img-src 'self' data: blob: https:; style-src 'self'; script-src 'self'; "
       "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'")

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Content-Security-Policy": CSP,
}


def add_headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


def secure_cookies_in_production(config) -> None:
    """Settings passed to ``create_app`` may set APP_ENV without the cookie flags that follow
    from it; in production a session cookie must never travel over plain HTTP."""
    if config["APP_ENV"] == "production":
        config["SESSION_COOKIE_SECURE"] = True
        config["REMEMBER_COOKIE_SECURE"] = True


def register(app) -> None:
    secure_cookies_in_production(app.config)
    app.after_request(add_headers)


def same_origin_post() -> bool:
    """A POST whose ``Origin`` (or, failing that, ``Referer``) is this site. Browsers send one of
    them with every form POST; a cross-site page cannot forge it."""
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    return source == request.host_url.rstrip("/") or source.startswith(request.host_url)


def protect_form_post(csrf) -> None:
    """CSRF for a page POST that a cached anonymous page may send without a token: a visitor with
    a session (or signed in) must send the token; one without any session yet must post from this
    site (with ``SameSite=Lax`` no cross-site POST carries our cookie either)."""
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    cookie = current_app.config.get("SESSION_COOKIE_NAME", "session")
    if cookie in request.cookies or request.form.get("csrf_token"):
        csrf.protect()
    elif not same_origin_post():
        abort(400)
