"""Exporters: the normalised timeline in JSON (and, as they land, other formats)."""
