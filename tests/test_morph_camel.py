"""camel backend: clitic splits, lemmas, POS on hand-checked dev-corpus words; disambiguation
accuracy against the first-analysis baseline; missing-data errors."""

from __future__ import annotations

import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import needs_camel

from eventx.errors import ModelNotFoundError
from eventx.pipeline import Pipeline
from eventx.text import split_sentences, tokenize_spans

# Gold: sentence (by its opening words, from ../shared/corpus/dev) -> token, clitic split
# (surfaces joined by '+'), lemma_bare of the stem, UD POS of the stem. Hand-checked; POS
# follows the camel/PADT conventions the backend maps to (كان is VERB, اليوم is NOUN).
GOLD: dict[str, list[tuple[str, str, str, str]]] = {
    "كوريا الشمالية تؤكد إرسال": [
        ("كوريا", "كوريا", "كوريا", "PROPN"), ("الشمالية", "الشمالية", "شمالي", "ADJ"),
        ("تؤكد", "تؤكد", "اكد", "VERB"), ("إرسال", "إرسال", "ارسال", "NOUN"), ("قوات", "قوات", "قوه", "NOUN"),
        ("إلى", "إلى", "الي", "ADP"), ("روسيا", "روسيا", "روسيا", "PROPN"),
        ("مشاركتها", "مشاركت+ها", "مشاركه", "NOUN"), ("في", "في", "في", "ADP"),
        ("معارك", "معارك", "معركه", "NOUN"), ("كورسك", "كورسك", "كورسك", "PROPN"),
    ],
    "أعلنت كوريا الشمالية رسمياً": [
        ("أعلنت", "أعلنت", "اعلن", "VERB"), ("رسمياً", "رسمياً", "رسمي", "ADJ"), ("عن", "عن", "عن", "ADP"),
        ("وذلك", "و+ذلك", "ذلك", "DET"), ("لما", "ل+ما", "ما", "PRON"), ("ذكرته", "ذكرت+ه", "ذكر", "VERB"),
        ("وكالة", "وكالة", "وكاله", "NOUN"), ("الأنباء", "الأنباء", "نبا", "NOUN"),
        ("المركزية", "المركزية", "مركزي", "ADJ"), ("أكدت", "أكدت", "اكد", "VERB"),
        ("الوكالة", "الوكالة", "وكاله", "NOUN"), ("وحدات", "وحدات", "وحده", "NOUN"),
        ("فرعية", "فرعية", "فرعي", "ADJ"), ("المسلحة", "المسلحة", "مسلح", "ADJ"), ("قد", "قد", "قد", "PART"),
        ("شاركت", "شاركت", "شارك", "VERB"), ("عمليات", "عمليات", "عمليه", "NOUN"),
        ("استعادة", "استعادة", "استعاده", "NOUN"), ("مقاطعة", "مقاطعة", "مقاطعه", "NOUN"),
        ("الروسية", "الروسية", "روسي", "ADJ"), ("والتي", "و+التي", "الذي", "PRON"),
        ("سيطرة", "سيطرة", "سيطره", "NOUN"), ("الأوكرانية", "الأوكرانية", "اوكراني", "ADJ"),
        ("أشهر", "أشهر", "شهر", "NOUN"),
    ],
    "قالت وزارة الصحة اللبنانية": [
        ("قالت", "قالت", "قال", "VERB"), ("وزارة", "وزارة", "وزاره", "NOUN"), ("الصحة", "الصحة", "صحه", "NOUN"),
        ("اللبنانية", "اللبنانية", "لبناني", "ADJ"), ("شخصين", "شخصين", "شخص", "NOUN"),
        ("استشهدا", "استشهدا", "استشهد", "VERB"), ("وأصيب", "و+أصيب", "اصاب", "VERB"),
        ("آخرون", "آخرون", "اخر", "ADJ"), ("هجوم", "هجوم", "هجوم", "NOUN"),
        ("الاحتلال", "الاحتلال", "احتلال", "NOUN"), ("الصهيوني", "الصهيوني", "صهيوني", "ADJ"),
        ("على", "على", "علي", "ADP"), ("مدينتي", "مدينتي", "مدينه", "NOUN"),
        ("والخيام", "و+الخيام", "خيمه", "NOUN"), ("نقلت", "نقلت", "نقل", "VERB"),
        ("وسائل", "وسائل", "وسيله", "NOUN"), ("مختلفة", "مختلفة", "مختلف", "ADJ"),
    ],
    "توصلت إسرائيل وحركة حماس": [
        ("توصلت", "توصلت", "توصل", "VERB"), ("إسرائيل", "إسرائيل", "اسرائيل", "PROPN"),
        ("وحركة", "و+حركة", "حركه", "NOUN"), ("حماس", "حماس", "حماس", "PROPN"),
        ("لوقف", "ل+وقف", "وقف", "NOUN"), ("قطاع", "قطاع", "قطاع", "NOUN"), ("غزة", "غزة", "غزه", "PROPN"),
        ("بوساطة", "ب+وساطة", "وساطه", "NOUN"), ("أمريكية", "أمريكية", "امريكي", "ADJ"),
        ("وقطرية", "و+قطرية", "قطري", "ADJ"), ("ومصرية", "و+مصرية", "مصري", "ADJ"),
    ],
    "كشف الرئيس الأوكراني": [
        ("كشف", "كشف", "كشف", "VERB"), ("الأوكراني", "الأوكراني", "اوكراني", "ADJ"),
        ("فولوديمير", "فولوديمير", "فولوديمير", "PROPN"), ("زيلينسكي", "زيلينسكي", "زيلينسكي", "PROPN"),
        ("اليوم", "اليوم", "يوم", "NOUN"), ("إشراك", "إشراك", "اشراك", "NOUN"),
        ("الهجمات", "الهجمات", "هجمه", "NOUN"), ("بمنطقة", "ب+منطقة", "منطقه", "NOUN"),
    ],
    "ارتفعت حصيلة قتلى": [
        ("ارتفعت", "ارتفعت", "ارتفع", "VERB"), ("قتلى", "قتلى", "قتيل", "NOUN"),
        ("الاشتباكات", "الاشتباكات", "اشتباك", "NOUN"), ("محافظة", "محافظة", "محافظه", "NOUN"),
        ("طرابلس", "طرابلس", "طرابلس", "PROPN"), ("الليبية", "الليبية", "ليبي", "ADJ"),
    ],
}
# Gold words the backend still gets wrong (kept in the accuracy figure, xfail per word): the
# CALIMA database has only a noun_prop analysis for الأوكراني(ة), so no ranking can find ADJ.
KNOWN_ERRORS = {("كشف الرئيس الأوكراني", "الأوكراني"), ("أعلنت كوريا الشمالية رسمياً", "الأوكرانية")}


def _gold_items() -> list[tuple[str, str, str, str, str]]:
    return [(sent, *item) for sent, items in GOLD.items() for item in items]


@cache
def _dev_sentences() -> dict[str, list[str]]:
    import json

    path = Path(__file__).parents[1].parent / "shared" / "corpus" / "dev" / "docs.jsonl"
    found: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        for span in split_sentences(text):
            sentence = text[span.start : span.end]
            for opening in GOLD:
                if opening not in found and sentence.startswith(opening):
                    found[opening] = [t.text for t in tokenize_spans(text, span.start, span.end)]
    return found


@cache
def _backend(strategy: str) -> Any:
    from eventx.morph.camel import CamelBackend
    from eventx.morph.disambiguate import FirstAnalysisDisambiguator

    return CamelBackend(disambiguator=FirstAnalysisDisambiguator() if strategy == "first" else None)


def _analysis(strategy: str, opening: str, token: str) -> tuple[str, str | None, str]:
    tokens = _dev_sentences()[opening]
    segments = _backend(strategy).analyze_sentence(tokens)[tokens.index(token)]
    split = "+".join(token[s.start : s.end] for s in segments)
    stem = next(s for s in segments if s.role == "stem")
    return split, stem.lemma_bare, stem.pos


def accuracy(strategy: str) -> tuple[int, int]:
    items = _gold_items()
    correct = sum(_analysis(strategy, o, tok) == (split, lemma, pos) for o, tok, split, lemma, pos in items)
    return correct, len(items)


def test_gold_set_is_large_and_found_in_dev_corpus() -> None:
    assert len(_gold_items()) >= 60
    sentences = _dev_sentences()
    for opening, items in GOLD.items():
        assert opening in sentences, opening
        for token, *_ in items:
            assert token in sentences[opening], (opening, token)


@needs_camel
@pytest.mark.parametrize(
    ("opening", "token", "split", "lemma", "pos"),
    [pytest.param(*item, marks=pytest.mark.xfail(reason="camel DB has no ADJ analysis", strict=True))
     if (item[0], item[1]) in KNOWN_ERRORS else item for item in _gold_items()],
    ids=lambda v: v if isinstance(v, str) and len(v) < 12 else None,
)
def test_gold_word(opening: str, token: str, split: str, lemma: str, pos: str) -> None:
    assert _analysis("context", opening, token) == (split, lemma, pos)


@needs_camel
def test_context_rules_clearly_beat_first_analysis(capsys: pytest.CaptureFixture[str]) -> None:
    first, total = accuracy("first")
    ours, _ = accuracy("context")
    with capsys.disabled():
        print(f"\ncamel disambiguation on {total} gold words: first analysis {first}/{total} "
              f"({first / total:.0%}), context rules {ours}/{total} ({ours / total:.0%})")
    assert ours / total >= 0.9
    assert ours - first >= total * 0.25


@needs_camel
def test_pipeline_words_features_and_offsets() -> None:
    nlp = Pipeline(processors=["tokenize", "morph"], morph="camel")
    doc = nlp("وأكدت الوكالة أن 5 جنود قُتلوا للقوات لروسيا.")
    words = {w.text: w for w in doc.words}
    assert [w.text for w in doc.sentences[0].tokens[0].words] == ["و", "أكدت"]
    assert words["و"].role == "proclitic" and words["و"].pos == "CCONJ"
    assert words["أكدت"].features["Aspect"] == "Perf" and words["أكدت"].lemma_bare == "اكد"
    killed = words["قُتلو"] if "قُتلو" in words else words["قُتلوا"]
    assert killed.features.get("Voice") == "Pass"
    forces = doc.sentences[0].token_at(doc.text.index("للقوات"))
    assert forces is not None
    assert [(w.text, w.form) for w in forces.words] == [("ل", None), ("لقوات", "القوات")]
    assert forces.words[1].key == "القوات"
    russia = doc.sentences[0].token_at(doc.text.index("لروسيا"))
    assert russia is not None and [(w.text, w.pos) for w in russia.words] == [("ل", "ADP"), ("روسيا", "PROPN")]
    assert [w.index for w in doc.sentences[0].words] == list(range(len(doc.sentences[0].words)))
    for word in doc.words:
        assert doc.text[word.start : word.end] == word.text
    assert "camel" in nlp.describe()[1] and "morphology.db" in nlp.describe()[1]


@needs_camel
def test_diacritics_select_the_passive() -> None:
    from eventx.morph.camel import CamelBackend

    backend = _backend("context")
    assert isinstance(backend, CamelBackend)
    passive = backend.analyze_sentence(["قُتِلَ", "جندي"])[0][0]
    assert dict(passive.features)["Voice"] == "Pass"
    active = backend.analyze_sentence(["قَتَلَ", "جنديا"])[0][0]
    assert dict(active.features)["Voice"] == "Act"


@needs_camel
def test_nonwords_get_one_segment_without_the_analyzer() -> None:
    backend = _backend("context")
    result = backend.analyze_sentence(["2024", "،", "NATO", "🙂", "و3"])
    assert [[s.pos for s in segs] for segs in result] == [["NUM"], ["PUNCT"], ["X"], ["SYM"], ["CCONJ", "NUM"]]


def test_missing_camel_db_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventx.morph.camel import CamelBackend

    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path))
    with pytest.raises(ModelNotFoundError, match="camel_data -i morphology-db-msa-r13") as info:
        CamelBackend()
    assert "CAMELTOOLS_DATA" in str(info.value)
    with pytest.raises(ModelNotFoundError):
        Pipeline(processors=["tokenize", "morph"], morph="camel")


def test_missing_camel_db_never_touches_the_network(tmp_path: Path) -> None:
    # In a fresh interpreter (camel_tools not yet imported) with an empty data dir and no
    # network access allowed: the error must come from eventx before camel_tools is imported.
    code = (
        "import socket, sys\n"
        "def deny(*a, **k): raise AssertionError('network access attempted')\n"
        "socket.socket.connect = deny\n"
        "from eventx.errors import ModelNotFoundError\n"
        "from eventx.morph.camel import CamelBackend\n"
        "try:\n    CamelBackend()\nexcept ModelNotFoundError as e:\n    print('OK', e)\n"
        "assert 'camel_tools.data' not in sys.modules\n"
    )
    env = {"CAMELTOOLS_DATA": str(tmp_path), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK ") and "Traceback" not in done.stderr


def test_auto_falls_back_to_builtin_with_one_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import eventx.morph.processor as processor

    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path))
    monkeypatch.setattr(processor, "_SAID", set())
    with pytest.warns(UserWarning, match="camel_data -i morphology-db-msa-r13"):
        nlp = Pipeline(processors=["tokenize", "morph"], morph="auto")
    assert nlp.describe()[1].startswith("morph: builtin")
    doc = nlp("وأكدت الوكالة")
    assert [w.text for w in doc.words][:2] == ["و", "أكدت"]
