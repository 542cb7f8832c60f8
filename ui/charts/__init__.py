"""Charts painted with QPainter (the app depends on PySide6-Essentials, so no QtCharts)."""

from ui.charts.radar import RadarChart, level_bands

__all__ = ["RadarChart", "level_bands"]
