"""Endpoints the providers call (API.md "Providers"): payment notifications, and the sandbox
payment provider's own pages (development and tests only)."""
