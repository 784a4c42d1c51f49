"""Optional neural NER backends (camel-tools AraBERT NER, stanza Arabic NER), used only when
their models are ALREADY on disk.

Detection looks at files only and never imports camel-tools or stanza: importing
``camel_tools.data`` without an installed catalogue makes camel-tools try to download one,
and eventx must never reach the network on its own. Both taggers return BIO tags over the
spec's kinds for pre-tokenized sentences.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from eventx.errors import Errors, ModelNotFoundError

__all__ = [
    "CamelNer",
    "StanzaNer",
    "camel_data_dir",
    "camel_data_file",
    "camel_ner_model_dir",
    "stanza_ner_model_dir",
]

# Both upstream models use the ANERcorp/AQMAR coarse classes; LOC there is mostly countries
# and cities, so it becomes GPE (the combiner's linker may still refine it).
_UPSTREAM_TO_KIND = {"PERS": "PER", "PER": "PER", "LOC": "GPE", "ORG": "ORG", "MISC": "OTHER"}


def camel_data_dir() -> Path | None:
    """The camel-tools data folder (``$CAMELTOOLS_DATA`` or ``~/.camel_tools``) if it has a catalogue."""
    configured = os.environ.get("CAMELTOOLS_DATA")
    folder = Path(configured) if configured else Path.home() / ".camel_tools"
    return folder if (folder / "catalogue.json").is_file() else None


def camel_data_file(relative: str) -> Path | None:
    """``<camel data>/data/<relative>`` when it exists."""
    folder = camel_data_dir()
    if folder is None:
        return None
    path = folder / "data" / relative
    return path if path.exists() else None


def camel_ner_model_dir() -> Path | None:
    """The installed camel-tools ``ner-arabert`` model folder, if any."""
    folder = camel_data_file("ner/arabert")
    return folder if folder is not None and (folder / "config.json").is_file() else None


def stanza_ner_model_dir() -> Path | None:
    """The stanza resources folder when it holds an Arabic NER model (``ar/ner/*.pt``)."""
    configured = os.environ.get("STANZA_RESOURCES_DIR")
    folder = Path(configured) if configured else Path.home() / "stanza_resources"
    ner_folder = folder / "ar" / "ner"
    if (folder / "resources.json").is_file() and ner_folder.is_dir() and any(ner_folder.glob("*.pt")):
        return folder
    return None


def _to_spec_tag(tag: str) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, label = tag.split("-", 1)
    kind = _UPSTREAM_TO_KIND.get(label.upper(), "OTHER")
    return f"{'I' if prefix in ('I', 'E') else 'B'}-{kind}"


class CamelNer:
    """camel-tools ``NERecognizer`` (AraBERT) over pre-tokenized sentences."""

    name = "camel"

    def __init__(self) -> None:
        model_dir = camel_ner_model_dir()
        if model_dir is None:
            raise ModelNotFoundError(Errors.CAMEL_NER_NOT_INSTALLED.format())
        from camel_tools.ner import NERecognizer

        self.model_dir = model_dir
        self._recognizer = NERecognizer(str(model_dir), use_gpu=False)

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        if not sentences:
            return []
        predicted = self._recognizer.predict([list(s) for s in sentences])
        return [[_to_spec_tag(tag) for tag in tags] for tags in predicted]


class StanzaNer:
    """stanza's Arabic NER processor over pre-tokenized sentences."""

    name = "stanza"

    def __init__(self) -> None:
        resources = stanza_ner_model_dir()
        if resources is None:
            raise ModelNotFoundError(Errors.STANZA_NER_NOT_INSTALLED.format())
        import stanza

        self.model_dir = resources
        self._pipeline = stanza.Pipeline(
            "ar",
            dir=str(resources),
            processors="tokenize,ner",
            tokenize_pretokenized=True,
            download_method=None,
            use_gpu=False,
            logging_level="WARN",
        )

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        if not sentences:
            return []
        document = self._pipeline([list(s) for s in sentences])
        return [[_to_spec_tag(token.ner) for token in sentence.tokens] for sentence in document.sentences]
