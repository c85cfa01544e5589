"""Every task module, imported in one place (as ``models`` does for the tables), so the web
process and every worker know the same job names."""
from marketplace.catalog import tasks as catalog_tasks  # noqa: F401
from marketplace.checkout import tasks as checkout_tasks  # noqa: F401
from marketplace.customs import tasks as customs_tasks  # noqa: F401
from marketplace.imports import tasks as imports_tasks  # noqa: F401
from marketplace.inventory import tasks as inventory_tasks  # noqa: F401
from marketplace.jobs import tasks as jobs_tasks  # noqa: F401
from marketplace.moderation import tasks as moderation_tasks  # noqa: F401
from marketplace.money import tasks as money_tasks  # noqa: F401
from marketplace.notifications import tasks as notifications_tasks  # noqa: F401
from marketplace.payments import tasks as payments_tasks  # noqa: F401
from marketplace.search import tasks as search_tasks  # noqa: F401
from marketplace.storage import tasks as storage_tasks  # noqa: F401
