"""Pieces every domain shares: errors, column types, clock, access rules, tenancy."""
