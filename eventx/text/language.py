"""Is a text Arabic? A simple, documented test on the letters of the text.

eventx reads Arabic news. A text in another language gets no events (the rules would only
find accidents in it), so the ``tokenize`` component labels every document with
:func:`detect_language` and the ``events`` component skips the documents that are not Arabic.

The test counts letters only (Unicode category ``L*``; digits, punctuation, spaces and
diacritics are not letters):

* the share of Arabic-script letters among all letters is **at least one half** → ``"ar"``;
* the text has **no letters at all** (empty, whitespace, digits, punctuation) → ``"ar"``:
  there is no evidence of another language, and such a text has no events anyway;
* otherwise → ``"und"`` (undetermined: not Arabic; eventx does not try to name the language).

Arabic script means the Unicode blocks Arabic, Arabic Supplement, Arabic Extended-A/B and the
Arabic presentation forms, so Persian or Urdu text also counts as Arabic script.

>>> detect_language("قتل 3 جنود في قصف على خاركيف.")
'ar'
>>> detect_language("Three soldiers were killed in shelling.")
'und'
>>> detect_language("أعلنت وزارة الدفاع عن إرسال قوات (NATO) إلى الحدود.")
'ar'
>>> detect_language("2025-04-28")
'ar'
"""

from __future__ import annotations

__all__ = ["ARABIC", "ARABIC_SHARE_THRESHOLD", "UNDETERMINED", "arabic_letter_share", "detect_language", "is_arabic"]

ARABIC = "ar"
UNDETERMINED = "und"
ARABIC_SHARE_THRESHOLD = 0.5
"""A text is Arabic when at least this share of its letters are Arabic-script letters."""

# (first, last) code points of the Unicode blocks of the Arabic script.
_ARABIC_RANGES = (
    (0x0600, 0x06FF),  # Arabic
    (0x0750, 0x077F),  # Arabic Supplement
    (0x0870, 0x089F),  # Arabic Extended-B
    (0x08A0, 0x08FF),  # Arabic Extended-A
    (0xFB50, 0xFDFF),  # Arabic Presentation Forms-A
    (0xFE70, 0xFEFF),  # Arabic Presentation Forms-B
)


def _is_arabic_char(char: str) -> bool:
    code = ord(char)
    return any(first <= code <= last for first, last in _ARABIC_RANGES)


def arabic_letter_share(text: str) -> float | None:
    """The share of Arabic-script letters among the letters of ``text``; None without letters."""
    letters = arabic = 0
    for char in text:
        if char.isalpha():
            letters += 1
            if _is_arabic_char(char):
                arabic += 1
    return arabic / letters if letters else None


def detect_language(text: str) -> str:
    """``"ar"`` for Arabic text (or text without letters), ``"und"`` otherwise (see the module)."""
    share = arabic_letter_share(text)
    return ARABIC if share is None or share >= ARABIC_SHARE_THRESHOLD else UNDETERMINED


def is_arabic(text: str) -> bool:
    """``detect_language(text) == "ar"``."""
    return detect_language(text) == ARABIC
