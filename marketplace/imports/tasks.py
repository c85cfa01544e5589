"""The import job. It runs outside any request, so it opens the shop's tenancy scope itself."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from marketplace.accounts.models import User
from marketplace.core.clock import utcnow
from marketplace.core.errors import NotFound
from marketplace.extensions import db
from marketplace.imports import services
from marketplace.jobs.registry import task
from marketplace.shops.models import Shop
from marketplace.shops.tenancy import shop_scope
from marketplace.storage import get_storage


@task(services.IMPORT_TASK, retries=1)
def import_listings(context, shop_id: int, storage_key: str) -> dict:
    """Safe to run twice: a second run updates, by SKU code, what the first one wrote."""
    shop, actor = db.session.get(Shop, shop_id), db.session.get(User, context.owner_id)
    if shop is None or actor is None:
        raise NotFound(str(_l("The shop or its owner no longer exists.")))
    data = get_storage().open(storage_key)
    with shop_scope(shop.id):
        return services.run_import(shop, data, actor=actor, now=utcnow(), progress=context.report_progress)
