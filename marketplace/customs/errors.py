"""Customs errors: a declaration that does not add up, and a gateway that cannot be used."""
from __future__ import annotations

from marketplace.core.errors import DomainError, ValidationFailed


class DeclarationInvalid(ValidationFailed):
    """A message that must not be filed as it is; raised before anything reaches customs."""

    code = "customs_declaration_invalid"


class AmountsDoNotAddUp(DeclarationInvalid):
    """acturalPaid is not goodsValue + freight + taxTotal − discount, or the goods lines do not
    add up to goodsValue: customs would reject it, and it would misstate what was paid."""

    code = "customs_amounts_do_not_add_up"


class GatewayUnavailable(DomainError):
    """No customs gateway serves this environment (production without a real adapter)."""

    code = "customs_gateway_unavailable"
    status = 503
