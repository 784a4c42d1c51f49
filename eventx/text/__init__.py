"""Text layer: orthographic normalization with offsets, sentence splitting, tokenization."""

from eventx.text.orthography import NormalizedText, normalize_key, normalize_with_offsets, scoring_key
from eventx.text.sentences import SentenceSpan, split_sentences
from eventx.text.tokenize import TokenSpan, tokenize_spans

__all__ = [
    "NormalizedText",
    "SentenceSpan",
    "TokenSpan",
    "normalize_key",
    "normalize_with_offsets",
    "scoring_key",
    "split_sentences",
    "tokenize_spans",
]
