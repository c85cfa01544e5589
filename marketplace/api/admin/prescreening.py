"""The review queue's pre-screening rules and their thresholds, which the admin sets."""
from flask import g

from marketplace.api.routing import endpoint
from marketplace.core.clock import utcnow
from marketplace.moderation import settings
from marketplace.moderation.schemas import RulesSchema
from marketplace.web.access import ADMIN

OPERATION_PREFIX = "review"
TAG = "Platform administration"


@endpoint("/admin/moderation/rules", access=ADMIN, response=RulesSchema,
          summary="Pre-screening rules and their thresholds", tag=TAG)
def get_rules():
    return settings.current()


@endpoint("/admin/moderation/rules", "PUT", access=ADMIN, body=RulesSchema, response=RulesSchema,
          summary="Change pre-screening thresholds (partial; unknown settings are refused)",
          tag=TAG, errors=(422,))
def put_rules(body):
    return settings.update(g.actor, body, now=utcnow())
