"""``flask storage ensure-bucket``: set up an S3 bucket for development (MinIO, moto)."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from marketplace.storage.base import get_storage


@click.group("storage")
def storage_group():
    """File storage."""


@storage_group.command("ensure-bucket")
@with_appcontext
def ensure_bucket_command():
    """Create S3_BUCKET if missing and let anyone read its public/ prefix."""
    from marketplace.storage.s3 import S3Storage

    storage = get_storage()
    if not isinstance(storage, S3Storage):
        raise click.ClickException("S3_BUCKET is not set: files are kept in a local folder.")
    storage.ensure_bucket()
    click.echo(f"bucket {storage.bucket} is ready")
