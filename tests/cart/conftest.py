from tests.consumer.conftest import shelf  # noqa: F401  (the shopper pages' small catalogue)
from tests.web.conftest import csrf_app, make_app  # noqa: F401  (a second app with CSRF on)
