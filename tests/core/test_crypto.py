import pytest
from cryptography.fernet import Fernet

from marketplace.core.crypto import DataCipher, DecryptionFailed


def test_round_trip_and_no_plaintext_in_the_ciphertext():
    cipher = DataCipher(Fernet.generate_key().decode())
    token = cipher.encrypt("11010519491231002X")
    assert "11010519491231002X" not in token
    assert cipher.decrypt(token) == "11010519491231002X"
    assert cipher.encrypt("same") != cipher.encrypt("same")


def test_rotation_keeps_old_data_readable():
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    token = DataCipher(old).encrypt("张三")
    assert DataCipher(f"{new},{old}").decrypt(token) == "张三"
    with pytest.raises(DecryptionFailed):
        DataCipher(new).decrypt(token)


def test_blind_index_is_stable_and_keyed():
    key = Fernet.generate_key().decode()
    assert DataCipher(key).blind_index("110105") == DataCipher(key).blind_index("110105")
    other = DataCipher(Fernet.generate_key().decode())
    assert DataCipher(key).blind_index("110105") != other.blind_index("110105")


def test_a_tampered_token_is_refused():
    cipher = DataCipher(Fernet.generate_key().decode())
    token = cipher.encrypt("secret")
    with pytest.raises(DecryptionFailed):
        cipher.decrypt(token[:-4] + "AAAA")


def test_rotation_keeps_the_blind_index():
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    assert DataCipher(f"{new},{old}").blind_index("110105") == DataCipher(old).blind_index("110105")
