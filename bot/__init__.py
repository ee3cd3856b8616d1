"""Asistente de Gobierno Abierto Ecuador: application wiring, configuration, storage, services."""
