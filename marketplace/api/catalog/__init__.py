"""The public catalogue, for anyone: reference data, live listings, search and shop profiles."""
