"""Text layer: sentence splitting, tokenization and orthographic normalization on real Arabic."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventx.text import normalize_key, normalize_with_offsets, scoring_key, split_sentences, tokenize_spans


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_sentences_end_at_arabic_and_latin_terminals_and_line_breaks() -> None:
    text = "هل انسحبت القوات؟ نعم، انسحبت! وقال المتحدث: «لن نعود».\nعنوان بلا نقطة\n\nسطر آخر."
    assert _sentences(text) == [
        "هل انسحبت القوات؟",
        "نعم، انسحبت!",
        "وقال المتحدث: «لن نعود».",
        "عنوان بلا نقطة",
        "سطر آخر.",
    ]


def test_decimals_abbreviations_and_quotes_do_not_split() -> None:
    text = "بلغت الخسائر 2.5 مليار دولار حسب د. أحمد. وقال «هذا. ليس نهاية» المطاف ثم غادر."
    assert _sentences(text) == [
        "بلغت الخسائر 2.5 مليار دولار حسب د. أحمد.",
        "وقال «هذا. ليس نهاية» المطاف ثم غادر.",
    ]


def test_semicolon_and_comma_are_clause_marks_not_sentence_ends() -> None:
    assert len(split_sentences("قصفت القوات المدينة؛ وقتل ثلاثة، وأصيب خمسة.")) == 1


def test_tokenization_follows_camel_semantics_and_keeps_numbers_whole() -> None:
    text = "قُتل نحو 300 جندي، و2.5 مليون (٣٬٠٠٠) «الأسد»"
    assert [t.text for t in tokenize_spans(text)] == [
        "قُتل",
        "نحو",
        "300",
        "جندي",
        "،",
        "و2.5",
        "مليون",
        "(",
        "٣٬٠٠٠",
        ")",
        "«",
        "الأسد",
        "»",
    ]


def test_token_offsets_index_the_original_string_and_skip_bidi_marks() -> None:
    text = "\u200eفرانكفورت ( د ب ا ) 🇺🇸 test"
    tokens = tokenize_spans(text)
    assert [t.text for t in tokens] == ["فرانكفورت", "(", "د", "ب", "ا", ")", "🇺🇸", "test"]
    for token in tokens:
        assert text[token.start : token.end] == token.text
    assert tokens[0].start == 1  # after the mark


def test_normalize_key_folds_diacritics_alef_ya_ta_marbuta_digits_and_tatweel() -> None:
    assert normalize_key("أُرغِمت القوّات ـــ مدرسة ٣٠٠ إلى") == "ارغمت القوات  مدرسه 300 الي"
    assert normalize_key("ﻻ") == "لا"  # NFKC for presentation forms


def test_scoring_key_drops_clitic_before_article_and_article() -> None:
    assert scoring_key("للقوات الروسية") == scoring_key("القوات الروسية") == "قوات روسيه"
    assert scoring_key("بالجيش") == "جيش"
    assert scoring_key("روسيا") == "روسيا"


@given(st.text(alphabet=st.sampled_from(list("قتلىأإآةـًٌٍَُِّْ ٣0.,،؛\n«»\u200e\u200fabc😀")), max_size=80))
def test_normalized_offsets_map_back_into_the_original(text: str) -> None:
    norm = normalize_with_offsets(text)
    assert norm.text == normalize_key(text)  # the same key, not just any consistent mapping
    assert len(norm.offsets) == len(norm.text) + 1
    assert list(norm.offsets) == sorted(norm.offsets)
    for i, ch in enumerate(norm.text):
        original = text[norm.to_original(i)]
        assert (normalize_key(original) and ch in normalize_key(original)) or ch == original
    assert norm.to_original_end(len(norm.text)) <= len(text)
