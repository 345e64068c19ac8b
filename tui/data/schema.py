"""The JSON Schema of the timeline file format, for editors (yaml-language-server)."""

from __future__ import annotations

from typing import Any

from tui.data.countries import country_codes
from tui.data.model import TimelineDoc


def json_schema() -> dict[str, Any]:
    schema = TimelineDoc.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "newstui timeline"
    schema["description"] = (
        "A hand-curated timeline of news events: sources, actors and events. "
        "See README.md, 'The file format'."
    )
    codes = country_codes()

    def add_country_enum(node: Any) -> None:
        # Editors complete the country codes; pydantic only knows the pattern.
        if isinstance(node, dict):
            if node.get("title") == "ISO 3166-1 alpha-2":
                node["enum"] = codes
            for value in node.values():
                add_country_enum(value)
        elif isinstance(node, list):
            for value in node:
                add_country_enum(value)

    add_country_enum(schema)
    return schema
