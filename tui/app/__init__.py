"""The interactive Textual app: ``newstui [FILE]``.

Modules without Textual imports (``text``, ``viewmodel``, ``settings``) hold the logic that
tests can exercise headless; widgets and screens only present it.
"""
