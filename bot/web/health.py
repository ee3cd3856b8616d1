"""Health and metrics: ``/healthz`` (alive), ``/readyz`` (can serve), ``/metrics`` (Prometheus)."""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from aiohttp import web
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection

from bot.db import alembic_config

if TYPE_CHECKING:
    from bot.context import Services

logger = logging.getLogger(__name__)


async def readiness(services: Services) -> dict[str, bool]:
    """Each condition of readiness: database reachable, migrations applied, knowledge loaded."""
    checks = {"database": False, "migrations": False, "knowledge": False}
    checks["knowledge"] = len(services.answers.kb.entries) > 0
    heads = set(ScriptDirectory.from_config(alembic_config()).get_heads())

    def current(connection: Connection) -> set[str]:
        return set(MigrationContext.configure(connection).get_current_heads())

    try:
        async with services.db.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
            checks["database"] = True
            checks["migrations"] = await connection.run_sync(current) == heads
    except Exception as error:  # any failure to reach the database means "not ready"
        logger.warning("readiness: database check failed (%s)", type(error).__name__)
    return checks


def add_health(
    app: web.Application,
    services: Services,
    accepting: Callable[[], bool] = lambda: True,
) -> None:
    """Serve the health, readiness and metrics endpoints on ``app``."""
    token = services.settings.metrics_token

    async def healthz(request: web.Request) -> web.StreamResponse:
        return web.json_response({"status": "ok"})

    async def readyz(request: web.Request) -> web.StreamResponse:
        checks = await readiness(services)
        checks["accepting"] = accepting()
        ready = all(checks.values())
        return web.json_response(
            {"status": "ready" if ready else "not ready", "checks": checks},
            status=200 if ready else 503,
        )

    async def metrics(request: web.Request) -> web.StreamResponse:
        if token is not None:
            given = request.headers.get("Authorization", "").removeprefix("Bearer ").encode()
            if not hmac.compare_digest(given, token.get_secret_value().encode()):
                return web.Response(status=401, text="metrics token required")
        registry = services.metrics
        await registry.refresh(
            services.db, services.knowledge.applied_version, len(services.answers.kb.entries)
        )
        return web.Response(
            body=registry.exposition(), headers={"Content-Type": registry.content_type}
        )

    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics)
