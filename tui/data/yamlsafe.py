"""Safe, position-aware YAML loading that keeps what the curator wrote.

PyYAML's own loaders apply YAML 1.1 implicit typing (``country: NO`` becomes ``False``,
``id: 0123`` becomes ``83``), build objects from tags, expand aliases without bound and
(libyaml's composer) crash on deeply nested input. Here libyaml (or the pure-Python parser
where libyaml is missing) only produces events; our own composer bounds nesting depth and
our own constructor:

* keeps every plain scalar as the text written (``NO`` stays ``"NO"``); only the empty
  scalar and ``~``/``null`` mean "no value". The model converts text where it expects
  numbers or booleans, so nothing changes meaning silently;
* refuses tags, so nothing is ever constructed from them;
* refuses duplicate mapping keys, at any level;
* copies aliases with a global budget, so an alias bomb is refused instead of expanded.

The composed node tree is kept in a :class:`Locator`, which maps a data path such as
``("events", 3, "place", "country")`` back to a line and column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # libyaml's event parser is much faster; fall back to pure Python if it is missing.
    from yaml._yaml import CParser as _EventParser

    _C_PARSER = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.parser import Parser as _EventParser  # type: ignore[assignment]

    _C_PARSER = False

MAX_DEPTH = 64  # the format needs about 6 levels; libyaml's own composer crashes near 25,000
ALIAS_SLACK = 200_000  # values aliases may add beyond twice the file's own nodes
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
# Tags that mean no more than the default for their node; anything else is refused.
_HARMLESS_TAGS = frozenset(
    {"tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "!"}
)

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class YamlIssue(Exception):
    """A problem found while reading YAML, with a 0-based position."""

    message: str
    line: int | None
    column: int | None
    hint: str = ""


class _Composer(Composer, _EventParser):  # type: ignore[misc,valid-type]
    """libyaml events, composed in Python so that nesting depth can be bounded."""

    def __init__(self, stream: str) -> None:
        _EventParser.__init__(self, stream)
        if not _C_PARSER:  # pragma: no cover - pure-Python parser needs its scanner chain
            from yaml.reader import Reader
            from yaml.scanner import Scanner

            Reader.__init__(self, stream)  # type: ignore[arg-type]
            Scanner.__init__(self)  # type: ignore[arg-type]
        Composer.__init__(self)
        self._depth = 0

    # The resolver is not used: the constructor below decides what a scalar means.
    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return ""

    def descend_resolver(self, parent: Any, index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        self._depth += 1
        if self._depth > MAX_DEPTH:
            mark = self.peek_event().start_mark
            raise YamlIssue(
                f"nesting deeper than {MAX_DEPTH} levels",
                mark.line,
                mark.column,
                "a timeline needs only a few levels; check for runaway brackets",
            )
        event = self.peek_event()
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _HARMLESS_TAGS:
            raise YamlIssue(
                f"YAML tag {tag!r} is not allowed",
                event.start_mark.line,
                event.start_mark.column,
                "newstui never constructs objects from tags; remove the tag",
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class Locator:
    """Maps a data path back to the position of its node in the YAML text."""

    def __init__(self, root: Node | None) -> None:
        self.root = root

    def node(self, path: Sequence[str | int]) -> tuple[Node | None, Node | None, int]:
        """Walk ``path``; return (deepest node reached, its key node, steps walked)."""
        node, key_node, steps = self.root, None, 0
        for step in path:
            if isinstance(node, MappingNode):
                for k, v in node.value:
                    if isinstance(k, ScalarNode) and k.value == step:
                        node, key_node = v, k
                        break
                else:
                    return node, key_node, steps
            elif isinstance(node, SequenceNode) and isinstance(step, int):
                if not 0 <= step < len(node.value):
                    return node, key_node, steps
                node, key_node = node.value[step], None
            else:
                return node, key_node, steps
            steps += 1
        return node, key_node, steps

    def position(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int] | None:
        """1-based (line, column) of the value at ``path`` (or of its key, if ``key``).

        A path that does not exist (a missing field) resolves to its nearest parent.
        """
        node, key_node, steps = self.node(path)
        target = key_node if (key and key_node is not None and steps == len(path)) else node
        if target is None:
            return None
        mark = target.start_mark
        return mark.line + 1, mark.column + 1

    def key_text(self, path: Sequence[str | int]) -> list[str]:
        """The keys of the mapping at ``path``, in file order (for 'did you mean')."""
        node, _key, steps = self.node(path)
        if steps != len(path) or not isinstance(node, MappingNode):
            return []
        return [k.value for k, _ in node.value if isinstance(k, ScalarNode)]


def _count_nodes(root: Node) -> int:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for k, v in node.value:
                stack.append(k)
                stack.append(v)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return len(seen)


class _Constructor:
    """Builds plain Python data (dict, list, str, None) from nodes."""

    def __init__(self, budget: int) -> None:
        self.budget = budget

    def build(self, node: Node) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise YamlIssue(
                "aliases expand to too many values",
                node.start_mark.line,
                node.start_mark.column,
                "this looks like an alias bomb; write the values out instead of nesting aliases",
            )
        if isinstance(node, ScalarNode):
            if node.style is None and node.value in NULL_WORDS:
                return None
            return node.value
        if isinstance(node, SequenceNode):
            return [self.build(item) for item in node.value]
        if isinstance(node, MappingNode):
            result: dict[str, Any] = {}
            first_seen: dict[str, Node] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    raise YamlIssue(
                        "a mapping key must be plain text, not a list or mapping",
                        key_node.start_mark.line,
                        key_node.start_mark.column,
                    )
                key = key_node.value
                if key in first_seen:
                    earlier = first_seen[key].start_mark
                    raise YamlIssue(
                        f"duplicate key {key!r}",
                        key_node.start_mark.line,
                        key_node.start_mark.column,
                        f"{key!r} is already set at line {earlier.line + 1}; keep one of them",
                    )
                first_seen[key] = key_node
                result[key] = self.build(value_node)
            return result
        raise YamlIssue("unsupported YAML node", node.start_mark.line, node.start_mark.column)


def _issue_from_yaml_error(error: yaml.YAMLError) -> YamlIssue:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    message = f"YAML syntax error: {problem}"
    if context:
        message += f" ({context})"
    hint = ""
    if "\\t" in problem or "tab" in problem.lower():
        hint = "indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        hint = "quote text that contains ': ' or check the indentation"
    elif "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        hint = "a bracket is not closed"
    if mark is None:
        return YamlIssue(message, None, None, hint)
    return YamlIssue(message, mark.line, mark.column, hint)


def load_yaml(text: str) -> tuple[Any, Locator]:
    """Parse one YAML document into plain data and a :class:`Locator`.

    Raises :class:`YamlIssue` for syntax errors, more than one document, tags, duplicate
    keys, excessive nesting and alias bombs.
    """
    composer = _Composer(text)
    try:
        root = composer.get_single_node()
    except yaml.composer.ComposerError as error:
        if "expected a single document" in str(error):
            mark = error.problem_mark
            raise YamlIssue(
                "the file holds more than one YAML document",
                mark.line if mark else None,
                mark.column if mark else None,
                "remove the '---' separator: a timeline is one document",
            ) from None
        raise _issue_from_yaml_error(error) from None
    except yaml.YAMLError as error:
        raise _issue_from_yaml_error(error) from None
    except RecursionError:  # pragma: no cover - MAX_DEPTH stops nesting long before this
        raise YamlIssue(f"nesting deeper than {MAX_DEPTH} levels", None, None) from None
    finally:
        composer.dispose()
    if root is None:
        return None, Locator(None)
    nodes = _count_nodes(root)
    data = _Constructor(2 * nodes + ALIAS_SLACK).build(root)
    return data, Locator(root)
