"""Named-entity recognition: gazetteer + a CRF trained on NewsFANE Gold 2014.

* :mod:`eventx.ner.processor` -- the ``ner`` pipeline processor (fills ``doc.entities``).
* :mod:`eventx.ner.combine` -- merges model and gazetteer spans, trims clitics, links names.
* :mod:`eventx.ner.crf` / :mod:`eventx.ner.features` -- the tagger and its features.
* :mod:`eventx.ner.newsfane` / :mod:`eventx.ner.labels` -- the corpus reader and class mapping.
* :mod:`eventx.ner.optional` -- camel-tools / stanza NER when their models are installed.

The shipped model (``eventx/ner/model/``) derives from NewsFANE Gold 2014 (Fahd Alotaibi and
Mark Lee) and is licensed CC BY-SA 3.0; the code is MIT. Nothing loads at import time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventx._lazy import lazy_getattr

if TYPE_CHECKING:
    from eventx.ner.combine import merge_entities
    from eventx.ner.crf import CrfTagger
    from eventx.ner.processor import NerProcessor, load_crf_tagger

__all__ = ["CrfTagger", "NerProcessor", "load_crf_tagger", "merge_entities"]

_LAZY = {
    "CrfTagger": "eventx.ner.crf",
    "NerProcessor": "eventx.ner.processor",
    "load_crf_tagger": "eventx.ner.processor",
    "merge_entities": "eventx.ner.combine",
}


__getattr__ = lazy_getattr(__name__, _LAZY)
