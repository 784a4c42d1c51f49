"""The ``tokenize`` component: sentences and surface tokens, one placeholder word per token.

It is the first stage of every pipeline: later components (``morph`` replaces the placeholder
words with clitic-split ones) fill what it creates. It also labels the document's language
(``doc.language``: ``"ar"``, or ``"und"`` for a text that is not Arabic; the test is
:func:`eventx.text.language.detect_language`), which the ``events`` component reads.
"""

from __future__ import annotations

from eventx.component import ComponentConfig, Processor, registry
from eventx.doc import Document, Sentence, Token, Word
from eventx.text.language import detect_language
from eventx.text.sentences import split_sentences
from eventx.text.tokenize import tokenize_spans

__all__ = ["TokenizeProcessor"]


class TokenizeProcessor(Processor):
    """Sentences and surface tokens (no morphology): one word per token until ``morph`` runs;
    the document's language (``doc.language``)."""

    name = "tokenize"
    provides = frozenset({"tokenize"})

    def process(self, doc: Document) -> Document:
        text = doc.text
        doc.language = detect_language(text)
        for s_index, span in enumerate(split_sentences(text)):
            sentence = Sentence(start=span.start, end=span.end, index=s_index, text=text[span.start : span.end])
            for t_index, tok in enumerate(tokenize_spans(text, span.start, span.end)):
                token = Token(text=tok.text, start=tok.start, end=tok.end, index=t_index)
                token.words.append(Word(text=tok.text, start=tok.start, end=tok.end, pos="X", index=t_index))
                sentence.tokens.append(token)
            doc.sentences.append(sentence)
        doc.processed.add(self.name)
        return doc


@registry.factory("tokenize", config=ComponentConfig)
def make_tokenize(config: ComponentConfig) -> Processor:
    return TokenizeProcessor()
