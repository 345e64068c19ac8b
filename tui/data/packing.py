"""Columns of whole numbers as compact text, for the cache's JSON lines.

Parsing a JSON array costs about 100 ns per number; a column of numbers written as one
string (little-endian binary, base64) is decoded by C code in a few nanoseconds per
number. The text is one letter saying how each value is stored, then the base64 of the
values: "b", "h", "i", "q" for signed values of 1, 2, 4 and 8 bytes, "B", "H", "I", "Q"
for unsigned ones, the narrowest that holds every value of the column (``"HAQAFAA=="``).
A column that must hold no negative number (indexes, lengths) is read as unsigned only,
so it needs no check of its own.
"""

from __future__ import annotations

import sys
from array import array
from base64 import b64encode
from binascii import a2b_base64
from collections.abc import Iterable

_WIDTHS = (1, 2, 4, 8)
_LETTERS = {(signed, width): letter for signed, letters in ((True, "bhiq"), (False, "BHIQ"))
            for width, letter in zip(_WIDTHS, letters, strict=True)}
# The array type code of each (signed, width): the C types behind "i" and "l" vary.
_TYPES = {(signed, array(code).itemsize): code
          for signed, codes in ((True, "qlihb"), (False, "QLIHB")) for code in codes}
_CODES = {letter: _TYPES[key] for key, letter in _LETTERS.items()}  # KeyError: no such type
_SWAP = sys.byteorder != "little"


def pack_ints(values: Iterable[int]) -> str:
    """``values`` as text (see the module docstring); TypeError for anything but ints,
    OverflowError beyond 64 bits."""
    wide = array("q", values)
    low, high = (min(wide), max(wide)) if wide else (0, 0)
    signed = low < 0
    width = next(width for width in _WIDTHS
                 if (-(1 << (8 * width - 1)) <= low and high < 1 << (8 * width - 1)
                     if signed else high < 1 << (8 * width)))
    code = _CODES[_LETTERS[signed, width]]
    packed = array(code, wide) if code != wide.typecode else wide
    if _SWAP:
        packed.byteswap()
    return _LETTERS[signed, width] + b64encode(packed.tobytes()).decode("ascii")


def unpack_ints(text: str, *, unsigned: bool = False) -> array[int]:
    """The numbers that :func:`pack_ints` wrote as ``text``: ValueError if it is not such
    text (or holds signed values where ``unsigned`` ones are wanted), TypeError if it is
    not text."""
    if not isinstance(text, str):
        raise TypeError("packed numbers are not text")
    code = _CODES.get(text[:1])
    if code is None or (unsigned and code.islower()):
        raise ValueError(f"packed numbers of an unknown or signed kind {text[:1]!r}")
    values = array(code)
    values.frombytes(a2b_base64(text[1:], strict_mode=True))  # ValueError: not whole values
    if _SWAP:
        values.byteswap()
    return values
