"""Browser tests use the same running bot and panel as the HTTP tests."""

from tests.web.conftest import panel  # noqa: F401  (the fixture)
