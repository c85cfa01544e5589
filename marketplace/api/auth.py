"""Bearer tokens: every API request resolves its caller here, once."""
from flask import g, request

from marketplace.accounts.errors import InvalidToken
from marketplace.accounts.services import user_for_token
from marketplace.api import bp
from marketplace.core.clock import utcnow


@bp.before_request
def resolve_bearer_token() -> None:
    g.api_user = None
    header = request.headers.get("Authorization", "")
    if not header:
        return
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidToken()
    g.api_user = user_for_token(token.strip(), now=utcnow())
