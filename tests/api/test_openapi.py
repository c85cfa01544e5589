"""The served OpenAPI document describes every API endpoint."""
import re


def test_every_api_route_is_in_the_document(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    described = {(path, method) for path, operations in document["paths"].items() for method in operations}
    served = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = re.sub(r"<(?:[a-z]+:)?(\w+)>", r"{\1}", rule.rule)
        served |= {(path, method.lower()) for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert served - described == set()
    assert described - served == set()


def test_bodies_and_responses_come_from_the_schemas(client):
    document = client.get("/api/v1/openapi.json").get_json()
    register = document["paths"]["/api/v1/auth/register"]["post"]
    body = register["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/Register"}
    properties = document["components"]["schemas"]["Register"]["properties"]
    assert {"email", "password", "display_name"} <= set(properties)
    assert set(register["responses"]) >= {"201", "422"}
    me = document["paths"]["/api/v1/me"]["get"]
    assert me["security"] == [{"bearer": []}]
    assert "401" in me["responses"]
