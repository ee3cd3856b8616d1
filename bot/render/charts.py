"""The statistics as a chart image: questions per week, drawn with matplotlib (Agg, no display).

Used by the Telegram command (PNG). Only counts and week dates are drawn, never a text a citizen
wrote. SVG output keeps its text as text, so tests can read what the chart says.
"""

from __future__ import annotations

import datetime as dt
import io

import matplotlib

matplotlib.use("Agg")  # no display on a server; set before pyplot is imported

from matplotlib.figure import Figure

from bot.render.texts import render, to_plain
from bot.services.statistics import Statistics


def statistics_chart(stats: Statistics, language: str = "es", fmt: str = "png") -> bytes:
    """Questions per week over the last weeks, as a PNG (or SVG) image."""
    # A Figure, not pyplot: no global state shared between concurrent requests.
    figure = Figure(figsize=(8, 4.5), dpi=100)
    axes = figure.subplots()
    weeks = stats.questions_per_week
    labels = [dt.date.fromisoformat(w.key).strftime("%d/%m") for w in weeks]
    counts = [w.count for w in weeks]
    bars = axes.bar(labels, counts, color="#0b5cad")
    axes.bar_label(bars, fontsize=9)
    axes.set_title(to_plain(render("stats.chart_title", language)))
    axes.set_xlabel(to_plain(render("stats.chart_weeks", language)))
    axes.set_ylabel(to_plain(render("stats.chart_questions", language)))
    axes.tick_params(axis="x", labelrotation=45, labelsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_ylim(0, max([*counts, 1]) * 1.15)
    figure.tight_layout()
    out = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        figure.savefig(out, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return out.getvalue()
