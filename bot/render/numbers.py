"""Numbers as each language writes them.

Percentages: Spanish puts a space before the sign (RAE: "50 %"), English none ("50%").
"""

from __future__ import annotations


def format_percent(share: float, language: str) -> str:
    """Return ``share`` (0.5) as a whole percentage the way ``language`` writes it."""
    whole = f"{share * 100:.0f}"
    return f"{whole}%" if language == "en" else f"{whole} %"
