"""The served OpenAPI document describes the identity and address endpoints, and no schema it
publishes could carry a clear ID number back to a client."""

ENDPOINTS = {
    "/api/v1/identities": {"get", "post"},
    "/api/v1/identities/{identity_id}": {"get", "delete"},
    "/api/v1/addresses": {"get", "post"},
    "/api/v1/addresses/{address_id}": {"get", "patch", "delete"},
}


def test_the_endpoints_are_described_for_shoppers(client):
    document = client.get("/api/v1/openapi.json").get_json()
    for path, methods in ENDPOINTS.items():
        assert set(document["paths"][path]) == methods
        for operation in document["paths"][path].values():
            assert operation["security"] == [{"bearer": []}]
    add = document["paths"]["/api/v1/identities"]["post"]
    assert set(add["responses"]) >= {"201", "401", "409", "422"}
    body = document["components"]["schemas"]["IdentityCreate"]
    assert set(body["required"]) == {"real_name", "id_number"}
    create = document["components"]["schemas"]["AddressCreate"]
    assert set(create["required"]) == {"recipient", "phone", "province", "city", "district", "line1",
                                       "postcode"}


def test_the_identity_response_has_the_masked_number_only(client):
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert set(schemas["Identity"]["properties"]) == {"id", "real_name", "id_number_masked", "consented_at",
                                                      "created_at"}
