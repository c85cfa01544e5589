"""File storage behind one interface: ``put``, ``open``, ``delete``, ``signed_url``.

The local backend (the embedded default) keeps files under ``instance/files`` and serves them
through signed, expiring links; the S3 backend uses boto3 and presigned URLs. Keys are opaque
paths chosen by the caller, e.g. ``listings/12/images/ab34.jpg``. Private files (identity
documents) are only ever reached through a signed link.
"""
from marketplace.storage.base import Storage, StoredFileMissing, get_storage  # noqa: F401
