"""Demo data for development, demos and benchmarks: ``flask --app wsgi seed-demo``.

``data`` holds the reference data (categories, tax table, FX rates, warehouses, demo accounts),
``products`` the brand catalogue listings are generated from, ``listings`` the deterministic
generator of listing rows, ``images`` the Pillow-drawn product pictures, ``seed`` the service
that writes it all, and ``cli`` the command.
"""
