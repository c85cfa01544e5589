import pytest

from marketplace import config


def test_embedded_defaults_need_no_environment(tmp_path):
    settings = config.from_environment({"INSTANCE_PATH": str(tmp_path)})
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'haigou.db'}"
    assert settings["JOBS_INLINE"] is True
    assert settings["REDIS_URL"] is None
    assert settings["STORAGE_BACKEND"] == "local"
    assert settings["MAIL_BACKEND"] == "outbox"
    assert (settings["HOST"], settings["PORT"]) == ("127.0.0.1", 5000)
    assert settings["SEED_DEMO"] is True
    assert settings["SESSION_COOKIE_SECURE"] is False


def test_services_come_from_the_environment():
    settings = config.from_environment({
        "DATABASE_URL": "postgresql://u@db:5432/haigou", "REDIS_URL": "redis://r:6379/1",
        "S3_BUCKET": "files", "S3_ENDPOINT_URL": "http://s3:9000", "SMTP_HOST": "mail", "PORT": "8000",
        "SEED_DEMO": "0", "APP_ENV": "production",
    })
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db:5432/haigou"
    assert settings["JOBS_INLINE"] is False
    assert settings["STORAGE_BACKEND"] == "s3" and settings["S3_ENDPOINT_URL"] == "http://s3:9000"
    assert settings["MAIL_BACKEND"] == "smtp"
    assert settings["PORT"] == 8000 and settings["SEED_DEMO"] is False
    assert settings["SESSION_COOKIE_SECURE"] is True and settings["SANDBOX_ENABLED"] is False


@pytest.mark.parametrize("env", [
    {"APP_ENV": "production"},
    {"APP_ENV": "production", "SECRET_KEY": "a-real-secret-of-enough-length-1234"},
])
def test_production_refuses_development_keys(env):
    with pytest.raises(config.ConfigError):
        config.check(config.from_environment(env))


def test_production_starts_with_real_keys():
    config.check(config.from_environment({
        "APP_ENV": "production", "SECRET_KEY": "a-real-secret-of-enough-length-1234",
        "DATA_ENCRYPTION_KEY": "cmVhbC1rZXktZm9yLXBlcnNvbmFsLWRhdGEtMzJiISE=",
    }))


def test_create_app_refuses_production_with_the_dev_secret(monkeypatch):
    from marketplace import create_app

    monkeypatch.setenv("APP_ENV", "production")
    with pytest.raises(config.ConfigError):
        create_app()


def test_production_refuses_a_malformed_data_key():
    with pytest.raises(config.ConfigError):
        config.check(config.from_environment({
            "APP_ENV": "production", "SECRET_KEY": "a-real-secret-of-enough-length-1234",
            "DATA_ENCRYPTION_KEY": "not-a-fernet-key",
        }))
