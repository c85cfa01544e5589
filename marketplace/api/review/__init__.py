"""For reviewers (role reviewer): the review queue and buyer applications."""
