"""``flask --app wsgi search reindex``: rebuild the search documents (after a seed, a restore or
a change to how text is segmented). Output is for the operator, in English like the other commands."""
from __future__ import annotations

import time

import click
from flask.cli import with_appcontext

from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.search import indexing


@click.group("search")
def search_group():
    """The catalogue search index."""


@search_group.command("reindex")
@click.option("--batch-size", type=click.IntRange(min=1, max=20000), default=indexing.BATCH_SIZE,
              show_default=True, help="Listings per batch and per commit.")
@with_appcontext
def reindex_command(batch_size):
    """Index every live listing and drop the documents of the others."""
    started, done = time.perf_counter(), 0
    for done in indexing.reindex_all(batch_size, now=utcnow()):
        db.session.commit()
        click.echo(f"  indexed {done}")
    db.session.commit()
    indexing.refresh_statistics()
    db.session.commit()
    click.echo(f"Indexed {done} live listings in {time.perf_counter() - started:.1f}s.")
