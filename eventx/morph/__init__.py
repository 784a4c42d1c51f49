"""Morphology backends: camel-tools (default when its database is installed), builtin
(heuristic, model-free) and stanza.

``import eventx.morph`` is cheap: nothing here imports camel-tools, stanza or torch; each
backend module loads its models on first use.
"""

from __future__ import annotations

from eventx.errors import ConfigurationError, Errors
from eventx.morph.base import BackendInfo, MorphBackend, Segment

__all__ = [
    "BACKEND_NAMES",
    "BackendInfo",
    "MorphBackend",
    "Segment",
    "available_backends",
    "load_backend",
    "resolve_backend_name",
]

BACKEND_NAMES = ("auto", "camel", "builtin", "stanza")


def resolve_backend_name(name: str = "auto") -> str:
    """The concrete backend ``name`` stands for (``auto`` → camel if its DB is found, else builtin)."""
    if name not in BACKEND_NAMES:
        raise ConfigurationError(Errors.UNKNOWN_MORPH_BACKEND.format(name=name, known=", ".join(BACKEND_NAMES)))
    if name != "auto":
        return name
    from eventx.morph.camel import find_camel_db

    return "camel" if find_camel_db() is not None else "builtin"


def load_backend(name: str = "auto") -> MorphBackend:
    """Build a morphology backend by name; models load lazily on first use.

    Raises :class:`~eventx.errors.ModelNotFoundError` (with install instructions) when a named
    backend's data is missing; ``auto`` never raises for missing data.
    """
    concrete = resolve_backend_name(name)
    if concrete == "camel":
        from eventx.morph.camel import CamelBackend

        return CamelBackend()
    if concrete == "stanza":
        from eventx.morph.stanza_backend import StanzaBackend

        return StanzaBackend()
    from eventx.morph.builtin import BuiltinBackend

    return BuiltinBackend()


def available_backends() -> list[BackendInfo]:
    """What ``eventx info`` shows: each backend, whether it can run, where its data is, and which
    one ``auto`` picks (``details['active'] == 'yes'``)."""
    from eventx.morph.camel import camel_data_dir, find_camel_db, find_mle_model
    from eventx.morph.stanza_backend import find_stanza_dir, stanza_resources_dir

    active = resolve_backend_name("auto")
    infos: list[BackendInfo] = []
    db = find_camel_db()
    if db is not None:
        mle = find_mle_model()
        infos.append(BackendInfo(
            name="camel",
            description=f"camel-tools {_version('camel-tools')}, database {db}"
            + (f", MLE model {mle}" if mle else ", context-rule disambiguation (MLE model not installed)"),
            details={"db_path": str(db), "active": _yes(active == "camel")},
        ))
    else:
        infos.append(BackendInfo(
            name="camel",
            description=f"not installed (no calima-msa-r13 database under {camel_data_dir()})",
            upgrade_hint="`camel_data -i morphology-db-msa-r13` on a connected machine, then set CAMELTOOLS_DATA",
            details={"active": "no"},
        ))
    from eventx.morph.builtin import BuiltinBackend

    builtin = BuiltinBackend().info()
    infos.append(BackendInfo(
        name="builtin", description=builtin.description,
        upgrade_hint=builtin.upgrade_hint if active == "builtin" else None,
        details={**builtin.details, "active": _yes(active == "builtin")},
    ))
    stanza_dir = find_stanza_dir()
    if stanza_dir is not None:
        infos.append(BackendInfo(
            name="stanza", description=f"stanza {_version('stanza')}, Arabic models in {stanza_dir}",
            details={"dir": str(stanza_dir), "active": "no (select with morph='stanza'; parse uses it)"},
        ))
    else:
        infos.append(BackendInfo(
            name="stanza",
            description=f"not installed (no Arabic models in {stanza_resources_dir()})",
            upgrade_hint="python -c \"import stanza; stanza.download('ar')\" on a connected machine, "
            "then set EVENTX_STANZA_DIR",
            details={"active": "no"},
        ))
    return infos


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _version(package: str) -> str:
    import importlib.metadata as md

    try:
        return md.version(package)
    except md.PackageNotFoundError:
        return "not installed"

