"""Chinese numerals as integers: 九 → 9, 三十 → 30, 一百一十二 → 112, 107 → 107."""

from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL = "零〇一二两三四五六七八九十百千"


def cn_to_int(s: str) -> int | None:
    if not s:
        return None
    if s.isdecimal():  # not isdigit(): superscripts and circled digits are digits int() refuses
        return int(s)
    if len(s) > 1 and all(ch in _DIGITS for ch in s):  # 一〇〇 · 二〇二五 : digit by digit, no units
        return int("".join(str(_DIGITS[ch]) for ch in s))
    total, current = 0, 0
    for ch in s:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            return None
    return total + current
