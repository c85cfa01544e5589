"""The API's schema toolkit lives in ``marketplace.core.schemas`` (domain schemas use it too);
this module re-exports it for API modules."""
from marketplace.core.schemas import *  # noqa: F403
from marketplace.core.schemas import __all__  # noqa: F401
