"""How service results look on each channel: Telegram HTML, terminal text; the texts catalogue."""
