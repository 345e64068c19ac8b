"""Safe, position-aware YAML loading that keeps what the curator wrote.

PyYAML's own loaders apply YAML 1.1 implicit typing (``country: NO`` becomes ``False``,
``id: 0123`` becomes ``83``), build objects from tags, expand aliases without bound and
(libyaml's composer) crash on deeply nested input. Here libyaml (or the pure-Python parser
where libyaml is missing) only produces events; our own composer bounds nesting depth and
our own constructor:

* keeps every plain scalar as the text written (``NO`` stays ``"NO"``); only the empty
  scalar and ``~``/``null`` mean "no value". The model converts text where it expects
  numbers or booleans, so nothing changes meaning silently;
* refuses tags (except ``!!str``/``!!map``/``!!seq``/``!`` on their own kind of node),
  before anything is built: nothing is ever constructed from a tag;
* refuses duplicate mapping keys at any level, non-text keys and merge keys (``<<``);
* copies aliases with a global budget and a depth bound, so an alias bomb or an alias
  used inside its own anchor is refused instead of expanded.

The composed node tree is kept in a :class:`Locator`, which maps a data path such as
``("events", 3, "place", "country")`` back to a line and column as an editor counts them
(see :mod:`tui.data.yamlhints`, which also explains syntax errors).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tui.data.sanitize import quoted
from tui.data.yamlhints import Positions, YamlIssue, explain, extra_break_issue, short_tag

try:  # libyaml's event parser is much faster; fall back to pure Python if it is missing.
    from yaml._yaml import CParser as _EventParser

    _C_PARSER = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.parser import Parser as _EventParser  # type: ignore[assignment]

    _C_PARSER = False

__all__ = ["MAX_DEPTH", "Locator", "YamlIssue", "load_yaml"]

MAX_DEPTH = 64  # the format needs about 6 levels; libyaml's own composer crashes near 25,000
ALIAS_SLACK = 200_000  # values aliases may add beyond twice the file's own nodes
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
# Tags that say no more than the node already does (a string, a mapping, a list), each
# allowed on its own kind of node only. Every other tag is refused before anything is
# built: nothing is ever constructed from a tag, and no value changes type because of one.
_HARMLESS_TAGS: dict[str, tuple[type, ...]] = {
    "tag:yaml.org,2002:str": (ScalarEvent,),
    "tag:yaml.org,2002:map": (MappingStartEvent,),
    "tag:yaml.org,2002:seq": (SequenceStartEvent,),
    "!": (ScalarEvent, MappingStartEvent, SequenceStartEvent),  # the non-specific tag
}
_STANDARD_TAG = "tag:yaml.org,2002:"

Path = tuple[str | int, ...]


def _tag_issue(tag: str, mark: Any, positions: Positions) -> YamlIssue:
    line, column = positions.of(mark)
    shown = short_tag(tag)
    if tag.startswith(_STANDARD_TAG + "python/"):
        hint = "newstui never builds objects from tags; remove the tag"
    elif tag in _HARMLESS_TAGS:
        hint = f"{shown} does not fit this kind of value; remove the tag"
    elif tag.startswith(_STANDARD_TAG):
        hint = "newstui reads every value as the text written; remove the tag"
    else:
        hint = "newstui does not use custom tags; remove it, or put text that starts with '!' " \
            "in quotes"
    return YamlIssue(f"the YAML tag {shown!r} is not allowed", line, column, hint)


class _Composer(Composer, _EventParser):  # type: ignore[misc,valid-type]
    """libyaml events, composed in Python so that nesting depth can be bounded."""

    def __init__(self, stream: str, positions: Positions) -> None:
        _EventParser.__init__(self, stream)
        if not _C_PARSER:  # pragma: no cover - pure-Python parser needs its scanner chain
            from yaml.reader import Reader
            from yaml.scanner import Scanner

            Reader.__init__(self, stream)  # type: ignore[arg-type]
            Scanner.__init__(self)  # type: ignore[arg-type]
        Composer.__init__(self)
        self.positions = positions
        self.nodes = 0  # nodes composed, for the alias budget
        self.aliases = 0  # aliases used: without any, no value can be copied
        self._depth = 0
        self._open: set[str] = set()  # anchors whose node is being composed
        self.open_flow: list[Any] = []  # start marks of the '[' / '{' being composed

    # The resolver is not used: the constructor below decides what a scalar means.
    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return ""

    def descend_resolver(self, parent: Any, index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            if event.anchor in self._open:
                line, column = self.positions.of(event.start_mark)
                raise YamlIssue(f"the alias '*{event.anchor}' is used inside the value it "
                                "stands for", line, column, "an alias cannot contain itself")
            self.aliases += 1
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            line, column = self.positions.of(event.start_mark)
            raise YamlIssue(f"nesting deeper than {MAX_DEPTH} levels", line, column,
                            "a timeline needs only a few levels; check for runaway brackets")
        tag = getattr(event, "tag", None)  # only node events reach here; be safe anyway
        if tag is not None and not isinstance(event, _HARMLESS_TAGS.get(tag, ())):
            raise _tag_issue(tag, event.start_mark, self.positions)
        self.nodes += 1
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self._open.add(anchor)
        flow = getattr(event, "flow_style", False)  # so an error can name an open bracket
        if flow:
            self.open_flow.append(event.start_mark)
        node = super().compose_node(parent, index)
        # Not in a `finally`: after an error, open_flow must still show what was open.
        if flow:
            self.open_flow.pop()
        self._depth -= 1
        if anchor is not None:
            self._open.discard(anchor)
        return node


class Locator:
    """Maps a data path back to the (editor) position of its node in the YAML text."""

    def __init__(self, root: Node | None, positions: Positions | None = None) -> None:
        self.root = root
        self.positions = positions

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
        if self.positions is None:
            return mark.line + 1, mark.column + 1
        line, column = self.positions.of(mark)
        return line + 1, column + 1


class _Constructor:
    """Builds plain Python data (dict, list, str, None) from nodes."""

    def __init__(self, budget: int | None, positions: Positions) -> None:
        self.budget = budget  # None: no aliases, so nothing can expand
        self.positions = positions

    def _fail(self, node: Node, message: str, hint: str = "") -> YamlIssue:
        line, column = self.positions.of(node.start_mark)
        return YamlIssue(message, line, column, hint)

    def build(self, node: Node, depth: int = 1) -> Any:
        if self.budget is not None:
            self.budget -= 1
            if self.budget < 0:
                raise self._fail(node, "aliases expand to too many values", "this looks like "
                                 "an alias bomb; write the values out instead of nesting aliases")
            if depth > MAX_DEPTH:  # aliases can stack nesting the composer did not see
                raise self._fail(node, f"aliases nest deeper than {MAX_DEPTH} levels",
                                 "write the values out instead of nesting aliases")
        if isinstance(node, ScalarNode):
            if not node.style and not node.tag and node.value in NULL_WORDS:  # plain, untagged
                return None
            return node.value
        if isinstance(node, SequenceNode):
            return [self.build(item, depth + 1) for item in node.value]
        if isinstance(node, MappingNode):
            result: dict[str, Any] = {}
            first_seen: dict[str, Node] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    raise self._fail(key_node, "a key must be plain text, not a list or mapping",
                                     "write the key as text, e.g. 'title:'")
                key = key_node.value
                if key == "<<" and not key_node.style:
                    raise self._fail(key_node, "merge keys ('<<') are not supported",
                                     "write the fields out in full; an alias '*name' can still "
                                     "stand for a whole value")
                if key in first_seen:
                    earlier, _ = self.positions.of(first_seen[key].start_mark)
                    raise self._fail(key_node, f"duplicate key {quoted(key)}",
                                     f"{quoted(key)} is already set at line {earlier + 1}; "
                                     "keep one of them")
                first_seen[key] = key_node
                result[key] = self.build(value_node, depth + 1)
            return result
        raise self._fail(node, "unsupported YAML node")  # pragma: no cover - no other kinds


def load_yaml(text: str) -> tuple[Any, Locator]:
    """Parse one YAML document into plain data and a :class:`Locator`.

    Raises :class:`YamlIssue` (0-based editor position) for syntax errors, characters
    YAML does not allow, more than one document, tags, duplicate keys, merge keys,
    excessive nesting and alias bombs.
    """
    if text.startswith("\ufeff"):  # read_text strips it; callers passing text may not
        text = text[1:]
    positions = Positions(text)
    invisible_break = extra_break_issue(positions)
    if invisible_break is not None:
        raise invisible_break
    try:
        composer = _Composer(text, positions)
    except UnicodeEncodeError as error:  # lone surrogates: only from text built in Python
        line, column = positions.at(error.start)
        raise YamlIssue("the text holds an invalid character (a lone surrogate)", line,
                        column, "save the file as UTF-8") from None
    try:
        root = composer.get_single_node()
    except yaml.composer.ComposerError as error:
        if "expected a single document" in str(error):
            line, column = positions.of(error.problem_mark)
            raise YamlIssue(
                "the file holds more than one YAML document", line, column,
                "remove the '---' separator: a timeline is one document",
            ) from None
        raise explain(error, positions, composer.open_flow) from None
    except yaml.YAMLError as error:
        raise explain(error, positions, composer.open_flow) from None
    finally:
        composer.dispose()
    if root is None:
        return None, Locator(None, positions)
    budget = 2 * composer.nodes + ALIAS_SLACK if composer.aliases else None
    data = _Constructor(budget, positions).build(root)
    return data, Locator(root, positions)
