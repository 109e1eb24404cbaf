"""What a CSV's bytes are when they are not UTF-8: UTF-16 without a byte-order mark, or
one of the encodings spreadsheet programs save in (named in the hint, never guessed
silently: the user adds --encoding)."""

from __future__ import annotations

# (codec, how the hint names it), in the order a tie is decided
CANDIDATES = (("gb18030", "GB18030 (what Excel saves on a Chinese system)"),
              ("shift_jis", "Shift-JIS (what Excel saves on a Japanese system)"),
              ("cp1252", "Windows-1252 (what Excel saves on a Western European system)"),
              ("latin-1", "Latin-1"))
LATIN = set("“”‘’–—…€£©°«»·") | {chr(c) for c in range(0xC0, 0x100)} - set("×÷")


def utf16_without_bom(head: bytes) -> str | None:
    """ASCII text in UTF-16 is every other byte NUL: at even places big-endian, odd little."""
    even, odd = head[0::2], head[1::2]
    if len(odd) < 2:
        return None
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    return None


def likely_encoding(sample: bytes) -> tuple[str, str] | None:
    """The candidate whose decoding of ``sample`` looks most like text, if one does."""
    best, best_score = None, 0.5
    for codec, label in CANDIDATES:
        text = _decode(sample, codec)
        score = 0.0 if text is None else _plausible(text, codec)
        if score > best_score:
            best, best_score = (codec, label), score
    return best


def _decode(sample: bytes, codec: str) -> str | None:
    try:
        return sample.decode(codec)
    except UnicodeDecodeError as err:
        if err.start < len(sample) - 3:  # not just a character cut by the sample's end
            return None
        return sample[:err.start].decode(codec, errors="ignore")


def _plausible(text: str, codec: str) -> float:
    """The share of non-ASCII characters that belong to the script the codec is used for."""
    wide = [ch for ch in text if ord(ch) > 127]
    if not wide:
        return 0.0
    if codec == "gb18030":  # GB2312's characters: both bytes 0xa1 or more
        good = sum(len(b := ch.encode(codec)) == 2 and min(b) >= 0xA1 for ch in wide)
    elif codec == "shift_jis":  # Japanese has kana; Chinese or Latin bytes read as kanji do not
        kana = sum("\u3040" <= ch <= "\u30ff" for ch in wide)
        good = sum("\u3000" <= ch <= "\u9fff" or "\uff01" <= ch <= "\uff5e" for ch in wide) \
            if kana else 0
    else:
        good = sum(ch in LATIN for ch in wide)
    return good / len(wide)
