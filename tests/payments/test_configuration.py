"""Which provider serves each method is configuration; production never serves the sandbox."""
from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from marketplace import config, create_app
from marketplace.payments import providers
from marketplace.payments.errors import PaymentMethodUnavailable
from tests.conftest import app_config

PRODUCTION = {"APP_ENV": "production", "SECRET_KEY": "a-real-looking-secret-" + "x" * 40}
ALIPAY = {"ALIPAY_APP_ID": "2021000000000001", "ALIPAY_PRIVATE_KEY": "k", "ALIPAY_PUBLIC_KEY": "k"}


@pytest.fixture
def production():
    return create_app(app_config(**PRODUCTION, DATA_ENCRYPTION_KEY=Fernet.generate_key().decode()))


def test_in_development_every_method_is_served_by_the_sandbox(app):
    assert [providers.provider_name_for(method, app.config) for method in ("card", "alipay", "wechat")] == \
        ["sandbox"] * 3


def test_production_has_no_sandbox_routes(production, pay):
    payment_id = pay()  # made in development; production must not serve its sandbox page
    client = production.test_client()
    assert client.get(f"/sandbox/payments/{payment_id}").status_code == 404
    complete = client.post(f"/sandbox/payments/{payment_id}/complete", json={"payer_name": "张三"})
    assert complete.status_code == 404
    notify = client.post("/api/v1/payments/sandbox/notify", data=b"{}", content_type="application/json")
    assert (notify.status_code, notify.get_json()["error"]["code"]) == (404, "not_found")
    assert not any(rule.rule.startswith("/sandbox") for rule in production.url_map.iter_rules())


def test_production_offers_no_method_without_its_credentials(production):
    assert providers.available_methods(production.config) == []
    with pytest.raises(PaymentMethodUnavailable) as refused:
        providers.for_method("card", production.config)
    assert (refused.value.status, refused.value.code) == (422, "payment_method_unavailable")


def test_production_refuses_the_sandbox_even_when_asked_for_it(production):
    assert providers.sandbox_enabled({**production.config, "SANDBOX_ENABLED": True}) is False


def test_production_with_alipay_offers_alipay_alone():
    settings = config.from_environment({**PRODUCTION, **ALIPAY, "PAYMENTS_BASE_URL": "https://haigou.example"})
    assert settings["SANDBOX_ENABLED"] is False
    assert providers.available_methods(settings) == ["alipay"]


def test_production_needs_the_address_providers_notify():
    with pytest.raises(config.ConfigError, match="PAYMENTS_BASE_URL"):
        config.check_payment_providers(config.from_environment({**PRODUCTION, **ALIPAY}))


def test_half_a_provider_configuration_is_refused():
    with pytest.raises(config.ConfigError, match="ALIPAY_PUBLIC_KEY"):
        config.check_payment_providers(config.from_environment({"ALIPAY_APP_ID": "1",
                                                                "ALIPAY_PRIVATE_KEY": "k"}))


def test_the_apiv3_key_is_32_characters():
    names = config.PAYMENT_PROVIDER_SETTINGS["WeChat Pay"]
    with pytest.raises(config.ConfigError, match="WECHATPAY_APIV3_KEY"):
        config.check_payment_providers(config.from_environment(dict.fromkeys(names, "short")))


def test_the_sandbox_secret_has_a_development_default_and_comes_from_the_environment():
    assert config.from_environment({})["SANDBOX_PAYMENT_SECRET"] == "dev-sandbox-payment-secret"
    assert config.from_environment({"SANDBOX_PAYMENT_SECRET": "s3cret"})["SANDBOX_PAYMENT_SECRET"] == "s3cret"
