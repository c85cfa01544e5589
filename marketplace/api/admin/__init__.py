"""Platform administration (role admin): reference data, staff roles, listing moderation and
the review queue's pre-screening rules."""
