"""The data layer of newstui: model, loading, validation, querying and export.

Nothing in this package imports Textual, so it is fast to test and usable headless.
"""
