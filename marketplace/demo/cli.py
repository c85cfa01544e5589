"""``flask --app wsgi seed-demo``: demo data for development, demos and benchmarks.

``make run`` calls it with ``--if-empty``, which does nothing once any user exists or when
SEED_DEMO is off. Without ``--if-empty`` it may be run again on a seeded database: the reference
data and accounts that exist are kept as they are and only listings are added (this is how a
benchmark grows the catalogue: ``seed-demo --listings 100000``).

Output is for the operator at the console, in English like the other commands.
"""
from __future__ import annotations

import random
import time

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from marketplace.accounts import services as accounts
from marketplace.core.clock import utcnow
from marketplace.demo import data, seed
from marketplace.demo.listings import ListingPlanner
from marketplace.demo.review_tasks import seed_review_tasks
from marketplace.extensions import db
from marketplace.moderation.models import ReviewTask
from marketplace.search import indexing as search_indexing
from marketplace.storage import get_storage


@click.command("seed-demo")
@click.option("--listings", "listing_count", type=click.IntRange(min=0), default=300, show_default=True,
              help="How many live listings to add.")
@click.option("--if-empty", is_flag=True,
              help="Do nothing when any user exists, or when SEED_DEMO is off (as `make run` does).")
@click.option("--batch-size", type=click.IntRange(min=1, max=20000), default=2000, show_default=True,
              help="Listings per INSERT batch and per commit.")
@click.option("--seed", "random_seed", type=int, default=2026, show_default=True,
              help="Seed of the generator: the same seed gives the same listings and pictures.")
@with_appcontext
@click.option("--review-tasks/--no-review-tasks", default=True, show_default=True,
              help="Also open a handful of flagged review tasks (only when the queue is empty).")
def seed_demo(listing_count, if_empty, batch_size, random_seed, review_tasks):
    """Seed categories, tax table, FX rates, warehouses, demo accounts, shops and listings."""
    if current_app.config["APP_ENV"] == "production":
        raise click.ClickException("seed-demo creates accounts with published passwords; "
                                   "it does not run in production")
    reason = reason_to_skip() if if_empty else None
    if reason:
        click.echo(f"{reason}: no demo data seeded.")
        return
    now = utcnow()
    reference = seed.seed_reference_data(now=now)
    db.session.commit()
    echo_reference(reference)
    seed_listings(reference, listing_count, batch_size, random_seed, now)
    index_for_search(batch_size, now)
    if review_tasks:
        seed_review_queue(now)
    echo_accounts(reference.created_accounts)


def reason_to_skip() -> str | None:
    if not current_app.config["SEED_DEMO"]:
        return "SEED_DEMO is off"
    if accounts.count_users() > 0:
        return "The database already has users"
    return None


def echo_reference(reference: seed.Reference) -> None:
    click.echo(f"Reference data ready: {len(reference.category_ids)} categories, "
               f"{len(reference.tax_ids)} tax categories, {len(data.FX_RATES)} FX rates, "
               f"{len(reference.warehouse_codes)} warehouses, {len(reference.shops)} shops.")


def seed_listings(reference: seed.Reference, count: int, batch_size: int, random_seed: int, now) -> None:
    if count == 0:
        return
    started = time.perf_counter()
    pool = seed.image_pool(get_storage(), seed=random_seed)
    click.echo(f"Drew and stored {pool.size} product pictures with their thumbnails "
               f"in {time.perf_counter() - started:.1f}s.")
    started = time.perf_counter()
    planner = ListingPlanner(random.Random(random_seed), shops=reference.shops,
                             category_ids=reference.category_ids, tax_ids=reference.tax_ids,
                             warehouse_codes=reference.warehouse_codes, pool=pool, now=now)
    for done in seed.add_listings(planner, count, batch_size=batch_size):
        db.session.commit()
        click.echo(f"  listings {done}/{count}")
    elapsed = time.perf_counter() - started
    rate = count / max(elapsed, 1e-9)
    click.echo(f"Added {count} live listings in {elapsed:.1f}s ({rate:.0f} listings/s).")


def index_for_search(batch_size: int, now) -> None:
    """The bulk inserts bypass the index jobs, so the seed indexes what it added itself."""
    started = time.perf_counter()
    indexed = 0
    for count in search_indexing.reindex_all(batch_size, now=now):
        db.session.commit()
        indexed = count
    search_indexing.refresh_statistics()
    db.session.commit()
    click.echo(f"Indexed {indexed} listings for search in {time.perf_counter() - started:.1f}s.")


def seed_review_queue(now) -> None:
    """A handful of open review tasks with realistic flags, so the queue has work to show."""
    if db.session.scalar(select(ReviewTask.id).limit(1)) is not None:
        return
    tasks = seed_review_tasks(now)
    db.session.commit()
    click.echo(f"Opened {len(tasks)} review tasks with pre-screening flags.")


def echo_accounts(created: set[str]) -> None:
    click.echo("\nDemo accounts (sign in at /sign-in):")
    click.echo(f"  {'email':<26} {'roles':<20} password")
    for email, roles in data.DEMO_ACCOUNTS:
        password = data.DEMO_PASSWORD if email in created else "(existing account, unchanged)"
        click.echo(f"  {email:<26} {', '.join(roles):<20} {password}")
