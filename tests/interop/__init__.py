"""Interoperability: exports (JSON, CSV, Markdown, iCalendar, TimelineJS) and imports."""
