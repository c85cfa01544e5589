"""What the identity and address API bodies accept and return. The bodies check types only; the
services check the values, so the API and the pages refuse exactly the same input."""
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields

from marketplace.core.schemas import ApiSchema


class StrictBoolean(fields.Boolean):
    """``true`` or ``false`` only (marshmallow would take ``1`` and ``"yes"``)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise ValidationError(str(_l("Give true or false here.")))
        return value


class IdentityCreateSchema(ApiSchema):
    real_name = fields.String(required=True, metadata={"description": "Chinese name as on the ID card"})
    id_number = fields.String(required=True, metadata={
        "description": "Resident ID number (18 characters, GB 11643); stored encrypted, never returned"})
    # API.md's body is {real_name, id_number}: partners' clients send only that, so the
    # authenticated POST itself is the shopper's consent. A client that asks its user may say so.
    consent = StrictBoolean(load_default=True, metadata={
        "description": "The shopper agrees to the number being stored for customs clearance; "
                       "the request itself counts as consent when absent, false is refused"})


class IdentitySchema(ApiSchema):
    id = fields.Integer()
    real_name = fields.String()
    id_number_masked = fields.String(metadata={"description": "First 3 and last 4 characters, e.g. "
                                                              "110***********002X"})
    consented_at = fields.DateTime()
    created_at = fields.DateTime()


PHONE = "Mainland mobile number: 11 digits, 1[3-9] then 9 more"
POSTCODE = "6 digits"
IS_DEFAULT = "Make this the default address (a shopper's first address always is)"


class AddressCreateSchema(ApiSchema):
    recipient = fields.String(required=True)
    phone = fields.String(required=True, metadata={"description": PHONE})
    province = fields.String(required=True)
    city = fields.String(required=True)
    district = fields.String(required=True)
    line1 = fields.String(required=True, metadata={"description": "Street, building, flat"})
    postcode = fields.String(required=True, metadata={"description": POSTCODE})
    is_default = StrictBoolean(metadata={"description": IS_DEFAULT})


class AddressPatchSchema(ApiSchema):
    """A partial change: absent fields stay as they are."""

    recipient = fields.String()
    phone = fields.String(metadata={"description": PHONE})
    province = fields.String()
    city = fields.String()
    district = fields.String()
    line1 = fields.String()
    postcode = fields.String(metadata={"description": POSTCODE})
    is_default = StrictBoolean(metadata={"description": IS_DEFAULT + "; false is refused on the default, "
                                                                     "make another the default instead"})


class AddressSchema(ApiSchema):
    id = fields.Integer()
    recipient = fields.String()
    phone = fields.String()
    province = fields.String()
    city = fields.String()
    district = fields.String()
    line1 = fields.String()
    postcode = fields.String()
    is_default = fields.Boolean()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
