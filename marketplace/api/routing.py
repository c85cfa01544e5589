"""One decorator declares an API endpoint: its path, method, access rule, body and query
schemas, response schema and status. It registers the route, parses and validates input before
the handler runs, commits after a successful write, dumps the result, and records everything the
OpenAPI document needs. Handlers stay a few lines: take parsed input, call a service, return."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import wraps

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.api import bp
from marketplace.core.errors import DomainError
from marketplace.core.pagination import Page
from marketplace.extensions import db, limiter
from marketplace.web.access import Rule, requires


class MalformedBody(DomainError):
    code = "malformed_json"
    status = 400


@dataclass
class EndpointSpec:
    rule: str
    method: str
    name: str
    access: Rule
    summary: str
    tag: str
    body: type | None = None
    query: type | None = None
    response: type | None = None
    status: int = 200
    paginated: bool = False
    multipart: dict = field(default_factory=dict)
    errors: tuple[int, ...] = ()
    lookup_first: bool = False


ENDPOINTS: list[EndpointSpec] = []


def json_body() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise MalformedBody(_("The body must be a JSON object."))
    return data


def _render(result, spec: EndpointSpec):
    if result is None:
        return "", spec.status
    if not isinstance(result, dict | list | Page) and hasattr(result, "status_code"):
        return result
    schema = spec.response() if spec.response else None
    if isinstance(result, Page):
        items = schema.dump(result.items, many=True) if schema else result.items
        return {"items": items, "page": result.page, "per_page": result.per_page,
                "total": result.total}, spec.status
    return (schema.dump(result) if schema else result), spec.status


def operation_name(view) -> str:
    """The endpoint's name and its OpenAPI ``operationId``: ``public_listing`` in
    ``catalog/listings.py`` is ``catalog_listings_public_listing``. A module's ``OPERATION_PREFIX``
    takes the place of its path, so a module that moves keeps the ids clients already use."""
    path = view.__module__.removeprefix(f"{bp.import_name}.").replace(".", "_")
    return f"{view.__globals__.get('OPERATION_PREFIX', path)}_{view.__name__}"


def endpoint(rule: str, method: str = "GET", *, access: Rule, summary: str, tag: str,
             body=None, query=None, response=None, status: int = 200, paginated: bool = False,
             multipart: dict | None = None, errors: tuple[int, ...] = (), rate_limit=None,
             lookup_first: bool = False):
    """``lookup_first``: the handler gets ``body`` as a function to call once it has found the
    object named in the path, so another tenant's id answers 404 whatever the body holds."""
    def decorate(view):
        name = operation_name(view)
        spec = EndpointSpec(rule, method, name, access, summary, tag, body, query, response, status,
                            paginated, multipart or {}, errors, lookup_first)

        @wraps(view)
        def handle(**path_args):
            if spec.query:
                path_args["query"] = spec.query().load(request.args.to_dict())
            if spec.body and spec.lookup_first:
                path_args["body"] = lambda: spec.body().load(json_body())
            elif spec.body:
                path_args["body"] = spec.body().load(json_body())
            result = view(**path_args)
            if method != "GET":
                db.session.commit()
            return _render(result, spec)

        view_func = requires(access)(handle)
        if rate_limit is not None:
            view_func = limiter.limit(rate_limit)(view_func)
        bp.add_url_rule(rule, endpoint=name, view_func=view_func, methods=[method])
        ENDPOINTS.append(spec)
        return view

    return decorate


__all__ = ["endpoint", "ENDPOINTS", "json_body", "MalformedBody", "_l"]
