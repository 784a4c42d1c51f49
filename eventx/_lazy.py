"""Lazy public names of a package: ``import eventx`` stays fast (no camel-tools, torch or
pandas import) until a name is used."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_getattr"]


def lazy_getattr(package: str, names: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports ``names[name]`` (a module path) on first use."""

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            from eventx.errors import Errors

            raise AttributeError(Errors.NO_MODULE_ATTRIBUTE.format(module=package, name=name))
        return getattr(importlib.import_module(module), name)

    return __getattr__
