"""Staff roles (role admin); every change is written to the audit log by the service."""
from flask import g

from marketplace.accounts import services as accounts
from marketplace.accounts.schemas import RolesSchema, UserSchema
from marketplace.api.routing import endpoint
from marketplace.core.clock import utcnow
from marketplace.web.access import ADMIN

OPERATION_PREFIX = "admin"
TAG = "Platform administration"


@endpoint("/admin/users/<int:user_id>/roles", "POST", access=ADMIN, body=RolesSchema, response=UserSchema,
          summary="Set a user's staff roles (a warehouse operator also needs a warehouse code)", tag=TAG,
          errors=(404, 409, 422))
def set_user_roles(user_id, body):
    return accounts.change_roles(g.actor, user_id, body["roles"], warehouse_code=body["warehouse"],
                                 now=utcnow())
