"""Notifications: e-mail rendered in the recipient's language and sent by a background job."""
