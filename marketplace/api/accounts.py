"""Accounts API: register, tokens, me."""
from flask import current_app, g, request

from marketplace.accounts import services
from marketplace.accounts.schemas import CredentialsSchema, MeSchema, RegisterSchema, TokenSchema, UserSchema
from marketplace.api.routing import endpoint
from marketplace.core.clock import utcnow
from marketplace.web.access import PUBLIC, SHOPPER


def signin_limit() -> str:
    return current_app.config["SIGNIN_RATE_LIMIT"]


@endpoint("/auth/register", "POST", access=PUBLIC, body=RegisterSchema, response=UserSchema, status=201,
          summary="Register an account (every account is a shopper)", tag="Accounts", errors=(409, 422))
def register(body):
    return services.register_user(body["email"], body["password"], body["display_name"],
                                  locale=body["locale"])


@endpoint("/auth/tokens", "POST", access=PUBLIC, body=CredentialsSchema, response=TokenSchema, status=201,
          summary="Create a bearer token from email and password", tag="Accounts", errors=(401, 422, 429),
          rate_limit=signin_limit)
def create_token(body):
    user = services.authenticate(body["email"], body["password"])
    raw, token = services.issue_token(user, now=utcnow(), days=current_app.config["API_TOKEN_DAYS"])
    return {"token": raw, "expires_at": token.expires_at}


@endpoint("/auth/tokens/current", "DELETE", access=SHOPPER, status=204,
          summary="Revoke the token this request carries", tag="Accounts")
def revoke_token():
    raw = request.headers["Authorization"].partition(" ")[2].strip()
    services.revoke_token(raw, now=utcnow())


@endpoint("/me", access=SHOPPER, response=MeSchema, summary="The signed-in account", tag="Accounts")
def me():
    return g.actor

