"""What every front door shares: access rules, error pages, locale, layout, security headers.

This package and ``marketplace.api`` are the web edge of the core; they may read the request.
Domain packages may not.
"""
