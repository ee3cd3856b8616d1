"""Logging set-up: readable text lines, or one JSON object a line (``LOG_FORMAT=json``).

The JSON lines carry ids and timings only. Callers pass structured fields with
``extra={"update_id": …, "handler": …, "latency_ms": …}``; no code logs names, usernames, message
texts or contacts, and these fields are the only extras copied into a line.
"""

from __future__ import annotations

import datetime as dt
import json
import logging

FIELDS = ("update_id", "update_type", "handler", "latency_ms", "outcome", "replica")


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object: time, level, logger, message and the known fields."""

    def format(self, record: logging.LogRecord) -> str:
        """Return the record as a JSON line."""
        line: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in FIELDS:
            if name in record.__dict__:
                line[name] = record.__dict__[name]
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def configure_logging(level: str, log_format: str = "text") -> None:
    """Send the logs to stderr in the chosen format."""
    handler = logging.StreamHandler()
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its lines carry the bot token
