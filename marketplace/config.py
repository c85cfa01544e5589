"""Settings from the environment, with embedded defaults for development.

With nothing set the app runs on SQLite under ``instance/``, runs jobs inline, keeps files in a
local folder, uses the sandbox providers and writes mail to an outbox folder.
"""
from __future__ import annotations

import os
from pathlib import Path

DEV_SECRET_KEY = "dev-secret-key-change-me"
DEV_DATA_KEY = "ZGV2LWRhdGEta2V5LWRvLW5vdC11c2UtaW4tcHJvZCE="  # Fernet key, development only
DEV_SANDBOX_PAYMENT_SECRET = "dev-sandbox-payment-secret"
# The platform (电商平台) as customs knows it; placeholders until the platform is registered.
DEV_CUSTOMS_EBP_CODE = "DEVEBP0001"
DEV_CUSTOMS_EBP_NAME = "海购（开发）"

# Each real payment provider is used once all of its settings are given (README.md, Configuration).
PAYMENT_PROVIDER_SETTINGS = {
    "Alipay": ("ALIPAY_APP_ID", "ALIPAY_PRIVATE_KEY", "ALIPAY_PUBLIC_KEY"),
    "WeChat Pay": ("WECHATPAY_MCHID", "WECHATPAY_APPID", "WECHATPAY_PRIVATE_KEY", "WECHATPAY_CERT_SERIAL_NO",
                   "WECHATPAY_APIV3_KEY", "WECHATPAY_PUBLIC_KEY", "WECHATPAY_PUBLIC_KEY_ID"),
}

ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """The environment asks for something the app refuses to run with."""


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(value: str | None, default: int) -> int:
    return int(value) if value not in (None, "") else default


def _sqlalchemy_url(url: str) -> str:
    # Heroku-style and plain postgres URLs both go through psycopg 3.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def from_environment(env: dict[str, str] | None = None) -> dict:
    """Read every setting the app knows about; README.md documents each variable."""
    env = dict(os.environ if env is None else env)
    instance = Path(env.get("INSTANCE_PATH") or ROOT / "instance")
    app_env = env.get("APP_ENV", "development")
    database_url = env.get("DATABASE_URL") or f"sqlite:///{instance / 'haigou.db'}"
    return {
        "APP_ENV": app_env,
        "INSTANCE_PATH": str(instance),
        "SECRET_KEY": env.get("SECRET_KEY", DEV_SECRET_KEY),
        "DATA_ENCRYPTION_KEY": env.get("DATA_ENCRYPTION_KEY", DEV_DATA_KEY),
        "SQLALCHEMY_DATABASE_URI": _sqlalchemy_url(database_url),
        "REDIS_URL": env.get("REDIS_URL") or None,
        "JOBS_INLINE": not env.get("REDIS_URL"),
        "STORAGE_BACKEND": "s3" if env.get("S3_BUCKET") else "local",
        "STORAGE_LOCAL_PATH": env.get("STORAGE_LOCAL_PATH") or str(instance / "files"),
        "S3_BUCKET": env.get("S3_BUCKET") or None,
        "S3_ENDPOINT_URL": env.get("S3_ENDPOINT_URL") or None,
        "S3_REGION": env.get("S3_REGION", "us-east-1"),
        "S3_ACCESS_KEY_ID": env.get("S3_ACCESS_KEY_ID") or None,
        "S3_SECRET_ACCESS_KEY": env.get("S3_SECRET_ACCESS_KEY") or None,
        "SIGNED_URL_SECONDS": _int(env.get("SIGNED_URL_SECONDS"), 300),
        "PAGE_CACHE_SECONDS": _int(env.get("PAGE_CACHE_SECONDS"), 30),
        # The daily FX feed in the ECB XML format (rates per EUR); a URL, file:// URL or path.
        "FX_FEED_URL": env.get("FX_FEED_URL", "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml"),
        "HOST": env.get("HOST", "127.0.0.1"),
        "PORT": _int(env.get("PORT"), 5000),
        "SEED_DEMO": _bool(env.get("SEED_DEMO"), True),
        "MAIL_BACKEND": "smtp" if env.get("SMTP_HOST") else "outbox",
        "MAIL_OUTBOX_PATH": env.get("MAIL_OUTBOX_PATH") or str(instance / "mail"),
        "SMTP_HOST": env.get("SMTP_HOST") or None,
        "SMTP_PORT": _int(env.get("SMTP_PORT"), 587),
        "SMTP_USERNAME": env.get("SMTP_USERNAME") or None,
        "SMTP_PASSWORD": env.get("SMTP_PASSWORD") or None,
        "SMTP_USE_TLS": _bool(env.get("SMTP_USE_TLS"), True),
        "MAIL_FROM": env.get("MAIL_FROM", "Haigou <no-reply@haigou.example>"),
        "API_TOKEN_DAYS": _int(env.get("API_TOKEN_DAYS"), 30),
        "SIGNIN_RATE_LIMIT": env.get("SIGNIN_RATE_LIMIT", "10 per minute;100 per hour"),
        "SANDBOX_ENABLED": app_env != "production",
        **_payment_settings(env),
        "CUSTOMS_EBP_CODE": env.get("CUSTOMS_EBP_CODE") or DEV_CUSTOMS_EBP_CODE,
        "CUSTOMS_EBP_NAME": env.get("CUSTOMS_EBP_NAME") or DEV_CUSTOMS_EBP_NAME,
        # The customs sandbox files here; it never serves production (there is no real gateway yet).
        "CUSTOMS_OUTBOX_PATH": env.get("CUSTOMS_OUTBOX_PATH") or str(instance / "customs"),
        "SESSION_COOKIE_SECURE": app_env == "production",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": app_env == "production",
        "MAX_CONTENT_LENGTH": _int(env.get("MAX_UPLOAD_MB"), 12) * 1024 * 1024,
        "BABEL_DEFAULT_LOCALE": "zh_CN",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Shanghai",
        "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "translations"),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "WTF_CSRF_TIME_LIMIT": None,
        "JSON_SORT_KEYS": False,
    }


def _payment_settings(env: dict[str, str]) -> dict:
    names = [name for group in PAYMENT_PROVIDER_SETTINGS.values() for name in group]
    return {
        "SANDBOX_PAYMENT_SECRET": env.get("SANDBOX_PAYMENT_SECRET") or DEV_SANDBOX_PAYMENT_SECRET,
        # The public origin the providers post their notifications to (https://haigou.example).
        "PAYMENTS_BASE_URL": env.get("PAYMENTS_BASE_URL") or None,
        **{name: env.get(name) or None for name in names},
    }


def check_payment_providers(config) -> None:
    """A provider is configured completely or not at all; half a configuration would quietly
    leave its method to the sandbox, or to nobody in production."""
    for provider, names in PAYMENT_PROVIDER_SETTINGS.items():
        given = [name for name in names if config.get(name)]
        if given and len(given) != len(names):
            missing = ", ".join(name for name in names if not config.get(name))
            raise ConfigError(f"{provider} is partly configured; also set {missing}")
    apiv3_key = config.get("WECHATPAY_APIV3_KEY")
    if apiv3_key and len(apiv3_key.encode()) != 32:
        raise ConfigError("WECHATPAY_APIV3_KEY must be the 32-character APIv3 key")
    real = any(config.get(names[0]) for names in PAYMENT_PROVIDER_SETTINGS.values())
    if real and config["APP_ENV"] == "production" and not config.get("PAYMENTS_BASE_URL"):
        raise ConfigError("PAYMENTS_BASE_URL must be set for the payment providers' notifications")


def check(config: dict) -> None:
    """Refuse settings that must never reach production."""
    check_payment_providers(config)
    if config["APP_ENV"] != "production":
        return
    if config["SECRET_KEY"] == DEV_SECRET_KEY:
        raise ConfigError("SECRET_KEY must be set to a secret value in production")
    if config["DATA_ENCRYPTION_KEY"] == DEV_DATA_KEY:
        raise ConfigError("DATA_ENCRYPTION_KEY must be set in production")
    from marketplace.core.crypto import DataCipher

    try:
        DataCipher(config["DATA_ENCRYPTION_KEY"])
    except ValueError as error:
        raise ConfigError("DATA_ENCRYPTION_KEY must be one or more Fernet keys, comma-separated") from error
