"""Tests of the Textual app (Pilot, snapshots) and its Textual-free helpers."""
