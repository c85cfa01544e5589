"""``GET /api/v1/openapi.json``: the OpenAPI 3 document, built from the declared endpoints."""
from __future__ import annotations

import re

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from marketplace.api.routing import ENDPOINTS, EndpointSpec, endpoint
from marketplace.web.access import PUBLIC

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"error": {"type": "object", "properties": {
        "code": {"type": "string"}, "message": {"type": "string"},
        "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    }}},
}


def openapi_path(rule: str) -> str:
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", "/api/v1" + rule)


def _parameters(spec: EndpointSpec) -> list[dict]:
    params = [{"in": "path", "name": name, "required": True, "schema": {"type": "string"}}
              for name in re.findall(r"<(?:[a-z]+:)?([a-z_]+)>", spec.rule)]
    if spec.query:
        params.append({"in": "query", "schema": spec.query})
    return params


def _operation(spec: EndpointSpec) -> dict:
    operation = {"summary": spec.summary, "tags": [spec.tag], "operationId": spec.name,
                 "parameters": _parameters(spec), "responses": {}}
    if spec.access is not PUBLIC:
        operation["security"] = [{"bearer": []}]
        operation["description"] = f"Role: {spec.access.name}."
    if spec.body:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": spec.body}}}
    if spec.multipart:
        operation["requestBody"] = {"required": True, "content": {"multipart/form-data": {"schema": {
            "type": "object", "properties": spec.multipart}}}}
    ok: dict = {"description": "Success"}
    if spec.response:
        item = {"$ref": f"#/components/schemas/{spec.response.__name__.removesuffix('Schema')}"}
        schema = item
        if spec.paginated:
            schema = {"type": "object", "properties": {"items": {"type": "array", "items": item},
                      "page": {"type": "integer"}, "per_page": {"type": "integer"},
                      "total": {"type": "integer"}}}
        ok["content"] = {"application/json": {"schema": schema}}
    operation["responses"][str(spec.status)] = ok
    for status in sorted({400, *spec.errors, *(() if spec.access is PUBLIC else (401, 403))}):
        operation["responses"][str(status)] = {"description": "Error", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    return operation


def build_spec() -> dict:
    spec = APISpec(title="Haigou API", version="1.0.0", openapi_version="3.0.3",
                   plugins=[MarshmallowPlugin()])
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    spec.components.schema("Error", ERROR_SCHEMA)
    for declared in ENDPOINTS:
        name = declared.response.__name__.removesuffix("Schema") if declared.response else None
        if name and name not in spec.components.schemas:
            spec.components.schema(name, schema=declared.response)
    paths: dict[str, dict] = {}
    for declared in ENDPOINTS:
        paths.setdefault(openapi_path(declared.rule), {})[declared.method.lower()] = _operation(declared)
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    return spec.to_dict()


@endpoint("/openapi.json", access=PUBLIC, summary="This document", tag="Meta")
def openapi_document():
    return build_spec()
