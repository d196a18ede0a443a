"""Keyset pagination: a page is "rows after this (sort value, row key)", never an OFFSET, so
page 500 costs what page 1 costs and rows added meanwhile do not shift the pages.

The ``next`` token is opaque to clients: url-safe base64 of a JSON pair. A token that does not
decode to such a pair is a 400, never an SQL error.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from .db import ApiError


def encode_cursor(order_value: Any, key: Any) -> str:
    raw = json.dumps([order_value, key], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(token: str) -> tuple[Any, Any]:
    try:
        padded = token + "=" * (-len(token) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode())
    except (ValueError, UnicodeError, binascii.Error):
        raise ApiError(400, "invalid 'next' token: pass back the value a previous page returned") from None
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in value)):
        raise ApiError(400, "invalid 'next' token: pass back the value a previous page returned")
    return value[0], value[1]
