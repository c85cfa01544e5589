"""Which provider serves a payment method, by configuration.

A method is served by its real provider when that provider's credentials are configured, and by
the sandbox otherwise, where the sandbox is enabled (development and tests; never production,
where a method without credentials is simply not offered). Card payments have no real adapter
yet, so only the sandbox serves them. Settings come from the app's config unless given.
"""
from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l

from marketplace.core.errors import NotFound
from marketplace.payments.errors import PaymentMethodUnavailable
from marketplace.payments.models import METHODS
from marketplace.payments.providers.alipay import AlipayProvider
from marketplace.payments.providers.base import PaymentProvider
from marketplace.payments.providers.sandbox import SandboxProvider
from marketplace.payments.providers.wechatpay import WechatPayProvider

ALIPAY_SETTINGS = ("ALIPAY_APP_ID", "ALIPAY_PRIVATE_KEY", "ALIPAY_PUBLIC_KEY")
WECHATPAY_SETTINGS = ("WECHATPAY_MCHID", "WECHATPAY_APPID", "WECHATPAY_PRIVATE_KEY",
                      "WECHATPAY_CERT_SERIAL_NO", "WECHATPAY_APIV3_KEY", "WECHATPAY_PUBLIC_KEY",
                      "WECHATPAY_PUBLIC_KEY_ID")
REAL_PROVIDERS = {"alipay": "alipay", "wechat": "wechatpay"}  # by method; card has none yet
NOTIFY_PATH = "/api/v1/payments/{provider}/notify"


def _settings(config):
    return current_app.config if config is None else config


def sandbox_enabled(config=None) -> bool:
    """Never in production, whatever else the settings say."""
    config = _settings(config)
    return bool(config.get("SANDBOX_ENABLED")) and config.get("APP_ENV") != "production"


def configured(settings: tuple[str, ...], config) -> bool:
    return all(config.get(name) for name in settings)


def notify_url(provider: str, config) -> str | None:
    base = config.get("PAYMENTS_BASE_URL")
    return base.rstrip("/") + NOTIFY_PATH.format(provider=provider) if base else None


def _alipay(config) -> AlipayProvider:
    return AlipayProvider(app_id=config["ALIPAY_APP_ID"], private_key=config["ALIPAY_PRIVATE_KEY"],
                          alipay_public_key=config["ALIPAY_PUBLIC_KEY"],
                          notify_url=notify_url("alipay", config))


def _wechatpay(config) -> WechatPayProvider:
    return WechatPayProvider(mchid=config["WECHATPAY_MCHID"], appid=config["WECHATPAY_APPID"],
                             private_key=config["WECHATPAY_PRIVATE_KEY"],
                             cert_serial_no=config["WECHATPAY_CERT_SERIAL_NO"],
                             apiv3_key=config["WECHATPAY_APIV3_KEY"],
                             public_key=config["WECHATPAY_PUBLIC_KEY"],
                             public_key_id=config["WECHATPAY_PUBLIC_KEY_ID"],
                             notify_url=notify_url("wechatpay", config))


def _sandbox(config) -> SandboxProvider:
    return SandboxProvider(config["SANDBOX_PAYMENT_SECRET"])


BUILDERS = {"alipay": (_alipay, ALIPAY_SETTINGS), "wechatpay": (_wechatpay, WECHATPAY_SETTINGS)}


def provider_name_for(method: str, config=None) -> str | None:
    """The provider that serves ``method`` now, or None if nobody does."""
    config = _settings(config)
    real = REAL_PROVIDERS.get(method)
    if real and configured(BUILDERS[real][1], config):
        return real
    return "sandbox" if method in METHODS and sandbox_enabled(config) else None


def available_methods(config=None) -> list[str]:
    return [method for method in METHODS if provider_name_for(method, config)]


def for_method(method: str, config=None) -> PaymentProvider:
    name = provider_name_for(method, config)
    if name is None:
        raise PaymentMethodUnavailable(str(_l("This payment method is not available.")),
                                       fields={"payment_method": [str(_l("Not available."))]})
    return by_name(name, config)


def by_name(name: str, config=None) -> PaymentProvider:
    """The provider called ``name``, if it is in service; otherwise it does not exist (404)."""
    config = _settings(config)
    if name == "sandbox" and sandbox_enabled(config):
        return _sandbox(config)
    if name in BUILDERS and configured(BUILDERS[name][1], config):
        return BUILDERS[name][0](config)
    raise NotFound(str(_l("There is no such payment provider.")))
