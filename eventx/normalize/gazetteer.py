"""Find known names (countries, nisba adjectives, places, people, organizations, forces) in text.

:class:`Gazetteer` indexes name entries by their word keys (:func:`~eventx.normalize.variants.
match_key`), and :meth:`Gazetteer.find_all` scans a text once, left to right, looking each word
up in a dict keyed by first word (no regex alternation over thousands of names), so it keeps
up with every document of a pipeline. At each word it takes the LONGEST of:

* a table entry (exact words; a leading و/ف + ب/ل/ك clitic may precede the first word and is
  left out of the span; "للقوات" spans "قوات", GOLD_FORMAT decision 7);
* the same entry through the transliteration skeleton, for entries flagged ``fuzzy``
  (بيونج يانج = بيونغ يانغ = بيونغيانغ);
* a place-type pattern: "مقاطعة كورسك", "مدينة أفدييفكا", "جمهورية كوريا الشمالية";
* an actor pattern: a force or organ head noun, optional modifiers, and an owner that is a
  country, a nisba adjective, a capital or a state organ ("القوات الكورية الشمالية" → PRK,
  "جيش الاحتلال" → ISR, "قوات الأمن التابعة لليبيا" → LBY, "وزارة الدفاع الروسية" → RUS).

Every match becomes an :class:`eventx.doc.EntitySpan` whose offsets index the ORIGINAL text
(``text[span.start:span.end] == span.text``), with ``source="gazetteer"`` and
``meta = {"actor_id": ..., "place_id": ..., "tags": [...]}``: ``id`` is the mention id of
spec §4 (a capital keeps its ``geonames:`` id, a state organ or force has its state's code),
``actor_id`` is the state the name stands for when it acts (see :mod:`eventx.normalize.linking`).

The default tables live in ``eventx/normalize/data/`` (TSV with a header comment naming
sources). :func:`default_gazetteer` builds them once per process and returns them READ-ONLY,
because every pipeline in the process may share that one instance; a component owns its
gazetteer, so a pipeline that needs more names takes ``default_gazetteer().copy()`` (cheap,
independent) and adds to it with :meth:`Gazetteer.add` or whole files with
:meth:`Gazetteer.load` (TSV or YAML). :func:`build_default` builds a fresh editable instance.

This module is the public face; the code lives in ``_gazetteer_entry`` (entry records, TSV
rows), ``_gazetteer_scan`` (tokens and clitics), ``_gazetteer_index`` (the :class:`Gazetteer`
matcher) and ``_gazetteer_tables`` (the default tables), each importing only the ones before it.
"""

from __future__ import annotations

from eventx.normalize._gazetteer_entry import (
    PRIORITY_CURATED,
    PRIORITY_GENERATED,
    PRIORITY_USER,
    RUNNING_TEXT_MIN_POPULATION,
    GazetteerEntry,
    GazetteerRow,
    read_tsv,
)
from eventx.normalize._gazetteer_index import Gazetteer
from eventx.normalize._gazetteer_tables import ARAB_STATES, DATA_DIR, build_default, default_gazetteer, nisba_forms

__all__ = [
    "ARAB_STATES",
    "DATA_DIR",
    "PRIORITY_CURATED",
    "PRIORITY_GENERATED",
    "PRIORITY_USER",
    "RUNNING_TEXT_MIN_POPULATION",
    "Gazetteer",
    "GazetteerEntry",
    "GazetteerRow",
    "build_default",
    "default_gazetteer",
    "nisba_forms",
    "read_tsv",
]
