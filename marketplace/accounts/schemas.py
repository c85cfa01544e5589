"""What account forms and API bodies accept. Bounds are checked before any hashing, so a 1 MB
password costs nothing."""
from flask_babel import lazy_gettext as _l
from marshmallow import fields, pre_load, validate

from marketplace.accounts.models import ROLES
from marketplace.accounts.services import PASSWORD_MAX, PASSWORD_MIN
from marketplace.core.schemas import ApiSchema


def _strip(data):
    if isinstance(data, dict):
        return {k: v.strip() if isinstance(v, str) and k != "password" else v for k, v in data.items()}
    return data


class RegisterSchema(ApiSchema):
    email = fields.Email(required=True,
                         validate=validate.Length(max=254, error=_l("At most {max} characters.")))
    password = fields.String(required=True, validate=validate.Length(
        min=PASSWORD_MIN, max=PASSWORD_MAX, error=_l("The password needs {min} to {max} characters.")))
    display_name = fields.String(required=True, validate=validate.Length(
        min=1, max=80, error=_l("Must be between {min} and {max} characters.")))
    locale = fields.String(load_default=None, validate=validate.OneOf(
        ["zh_CN", "en"], error=_l("Choose one of: {choices}.")))

    @pre_load
    def strip(self, data, **kwargs):
        return _strip(data)


class CredentialsSchema(ApiSchema):
    email = fields.String(required=True, validate=validate.Length(
        min=1, max=254, error=_l("Must be between {min} and {max} characters.")))
    password = fields.String(required=True, validate=validate.Length(
        min=1, max=PASSWORD_MAX, error=_l("Must be between {min} and {max} characters.")))

    @pre_load
    def strip(self, data, **kwargs):
        return _strip(data)


class ShopBriefSchema(ApiSchema):
    id = fields.Integer()
    slug = fields.String()
    name = fields.String()


class UserSchema(ApiSchema):
    id = fields.Integer()
    email = fields.String()
    display_name = fields.String()
    roles = fields.List(fields.String(validate=validate.OneOf(ROLES)))


class MeSchema(UserSchema):
    locale = fields.String(allow_none=True)
    shop = fields.Nested(ShopBriefSchema, allow_none=True)


class TokenSchema(ApiSchema):
    token = fields.String()
    expires_at = fields.DateTime()


class RolesSchema(ApiSchema):
    """The admin's role change: the user's staff roles, and for an operator the warehouse code."""

    roles = fields.List(fields.String(validate=validate.OneOf(ROLES, error=_l("Choose one of: {choices}."))),
                        required=True,
                        validate=validate.Length(max=len(ROLES), error=_l("At most {max} items.")))
    warehouse = fields.String(load_default=None, allow_none=True, validate=validate.Length(
        max=40, error=_l("At most {max} characters.")))
