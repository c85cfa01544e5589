"""Command-line tools: ``flask --app wsgi <command>``."""
from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from marketplace.accounts import services as accounts
from marketplace.accounts.models import ROLES
from marketplace.core.errors import DomainError
from marketplace.demo.cli import seed_demo
from marketplace.extensions import db
from marketplace.jobs.cli import jobs_group, worker_command
from marketplace.jobs.dispatch import start_inline_clock
from marketplace.search.cli import search_group
from marketplace.storage.cli import storage_group
from marketplace.warehouses.models import Warehouse


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--password", required=True)
@click.option("--name", "display_name", default=None, help="Display name (defaults to the email's name).")
@click.option("--role", "roles", multiple=True, type=click.Choice(ROLES), help="Repeat for several roles.")
@click.option("--warehouse", "warehouse_code", default=None, help="Warehouse code, for --role warehouse.")
@with_appcontext
def create_user(email, password, display_name, roles, warehouse_code):
    """Create a user (or update an existing one's password and roles)."""
    warehouse_id = None
    if warehouse_code:
        warehouse = db.session.scalar(select(Warehouse).where(Warehouse.code == warehouse_code))
        if warehouse is None:
            raise click.BadParameter(f"no warehouse with code {warehouse_code}", param_hint="--warehouse")
        warehouse_id = warehouse.id
    try:
        user = accounts.user_by_email(email)
        if user is None:
            user = accounts.register_user(email, password, display_name or email.split("@")[0])
        else:
            accounts.set_password(user, password)
        accounts.set_roles(user, (*user.roles, *roles), warehouse_id=warehouse_id)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from error
    click.echo(f"user {user.id} {user.email}: {', '.join(user.roles)}")


@click.command("serve")
@with_appcontext
def serve():
    """Serve on HOST:PORT with a threaded server (the embedded default; production uses gunicorn)."""
    from flask import current_app
    from werkzeug.serving import run_simple

    app = current_app._get_current_object()
    host, port = app.config["HOST"], app.config["PORT"]
    click.echo(f"Haigou is serving at http://{host}:{port}/")
    if app.config["JOBS_INLINE"]:  # no RQ scheduler: run delayed and periodic jobs here
        start_inline_clock(app)
    # Flask refuses app.run() inside a CLI command; Werkzeug's server is what it would start.
    run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)


def register(app) -> None:
    for command in (create_user, serve, seed_demo, worker_command, jobs_group, storage_group,
                    search_group):
        app.cli.add_command(command)
