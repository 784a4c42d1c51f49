# %% [markdown]
# # eventx quickstart (notebook-style: run cell by cell in Jupyter/VS Code, or as a script)
#
# Arabic news in, typed event records out. Set `CAMELTOOLS_DATA` to a camel-tools data folder
# holding `calima-msa-r13` for real morphology; without it the built-in analyzer runs.

# %%
from pathlib import Path

import eventx
from eventx.display import render_html
from eventx.normalize import link, parse_date, parse_quantity

HERE = Path(__file__).parent if "__file__" in globals() else Path("examples")
article = (HERE / "article.txt").read_text(encoding="utf-8")

# %% One call: the spec's document result
result = eventx.extract(article, published="2025-04-29", doc_id="example")
for event in result.events:
    roles = {role: [m.text for m in mentions] for role, mentions in event.arguments.items()}
    figures = {role: q.value if q.value is not None else (q.min, q.max) for role, q in event.quantities.items()}
    print(
        f"{event.type:<20} {event.trigger.text:<10} {event.realis:<8} {roles} {figures}",
        event.date.value if event.date else "",
    )

# %% The JSON contract (what downstream pipelines consume)
print(result.events[0].model_dump_json(indent=2))

# %% The pipeline and the document model: sentences → tokens → clitic-split words
nlp = eventx.Pipeline()
print("\n".join(nlp.describe()))
doc = nlp(article, published="2025-04-29")
for token in doc.sentences[1].tokens[:8]:
    print(token.text, "→", " + ".join(f"{w.text}/{w.pos}/{w.lemma}" for w in token.words))

# %% Entities, linked to ids (ISO 3166 alpha-3 for states, GeoNames for places)
for entity in doc.entities[:12]:
    print(entity.text, entity.kind, entity.id, entity.canonical)

# %% Normalizers on their own
print(parse_date("خريف العام الماضي", published="2025-04-28"))
print(parse_quantity("ما بين 10 آلاف و12 ألف جندي"))
print(link("لروسيا"))

# %% A user rule pack next to the built-in one (see docs/rules.md)
nlp_with_protests = eventx.Pipeline(rule_packs=["builtin", str(HERE / "protest_pack")])
protest_doc = nlp_with_protests("تظاهر آلاف الأشخاص في مدينة بنغازي أمس احتجاجا على القصف.", published="2025-03-02")
print(
    [(e.type, e.trigger.text, {r: [m.text for m in ms] for r, ms in e.arguments.items()}) for e in protest_doc.events]
)

# %% In a notebook, show the highlighted text instead of reading JSON
html = render_html(doc)
print(html[:300], "...")
# from IPython.display import HTML; HTML(html)
