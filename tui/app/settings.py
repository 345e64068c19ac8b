"""User settings (theme, key remaps) kept in ``settings.json`` in the user's config dir.

``NEWSTUI_CONFIG_DIR`` overrides the directory (tests point it at a temporary one, so
they never touch the real home). A missing or unreadable file means defaults: settings
are a convenience, never a reason not to start.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

ENV_DIR = "NEWSTUI_CONFIG_DIR"


def config_dir() -> Path:
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("newstui"))


def settings_path() -> Path:
    return config_dir() / "settings.json"


@dataclass
class Settings:
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> keys
    problems: list[str] = field(default_factory=list)  # why the file was (partly) ignored

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        file = path or settings_path()
        try:
            raw = json.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            return cls(problems=[f"{file}: ignored ({error})"])
        if not isinstance(raw, dict):
            return cls(problems=[f"{file}: ignored (not a JSON object)"])
        settings = cls()
        theme = raw.get("theme")
        if isinstance(theme, str):
            settings.theme = theme
        keymap = raw.get("keymap", {})
        if isinstance(keymap, dict):
            settings.keymap = {str(k): str(v) for k, v in keymap.items() if isinstance(v, str)}
        else:
            settings.problems.append(f"{file}: 'keymap' ignored (not an object)")
        return settings

    def save(self, path: Path | None = None) -> str | None:
        """Write the settings; return an error message instead of raising."""
        file = path or settings_path()
        data: dict[str, object] = {}
        if self.theme:
            data["theme"] = self.theme
        if self.keymap:
            data["keymap"] = self.keymap
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            temporary = file.with_suffix(".json.tmp")
            temporary.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
            temporary.replace(file)
        except OSError as error:
            return f"could not save settings to {file}: {error.strerror or error}"
        return None
