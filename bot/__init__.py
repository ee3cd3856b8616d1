"""Asistente de Gobierno Abierto Ecuador: application wiring, configuration, storage, services."""

import os

# Opt in to python-telegram-bot's timedelta durations (RetryAfter.retry_after and friends), the
# behaviour PTB will make the default; without it every access warns of the deprecated int form.
os.environ.setdefault("PTB_TIMEDELTA", "true")
