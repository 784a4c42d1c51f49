"""The component contract: what a pipeline stage is, how it is configured and registered.

This module is a leaf of the package: it imports only the document model and the error
catalog. Components (``eventx/*/processor.py``) import it to declare themselves; the pipeline
(:mod:`eventx.pipeline`) imports the components to build itself; nothing imports back.

* :class:`Processor` -- a callable ``Document -> Document`` that declares what it
  ``provides`` and ``requires`` (as in stanza), so a pipeline whose stages do not line up fails
  when it is built, not deep inside a run.
* :class:`ComponentConfig` -- the typed (pydantic) configuration of one component; each
  component subclasses it with its own fields, and unknown fields are an error.
* :data:`registry` -- components registered by name, each with named variants (``morph`` has
  ``camel``, ``builtin`` and ``stanza``; a user may add ``morph/farasa``). A component may
  register an ``auto`` resolver that picks the variant from what is installed: "auto" is
  resolved there and only there.

>>> from eventx.component import ComponentConfig, Processor, registry
>>> class Shout(Processor):
...     name = "shout"
...     requires = frozenset({"tokenize"})
...     def process(self, doc):
...         doc.meta["shout"] = doc.text.upper()
...         return doc
>>> @registry.factory("shout")
... def make_shout(config: ComponentConfig) -> Processor:
...     return Shout()
>>> sorted(registry.variants("shout"))
['default']
>>> registry.unregister("shout")
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from eventx.doc import Document
from eventx.errors import ConfigurationError, Errors

__all__ = [
    "DEFAULT_VARIANT",
    "ComponentConfig",
    "ComponentRegistry",
    "Processor",
    "Registration",
    "registry",
]

DEFAULT_VARIANT = "default"
"""The variant name of a component registered without one."""


class ComponentConfig(BaseModel):
    """Base of every component's configuration: typed, immutable, no unknown fields.

    Components that own a resource (a gazetteer, a rule engine, a model) take it as a field
    typed ``Any`` so that a caller can hand over an object already built.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Processor:
    """Base class of pipeline components: ``process(doc)`` fills part of a Document.

    ``name`` is the component name in the registry and in ``doc.processed``; ``provides`` and
    ``requires`` are the capabilities the pipeline checks when it is built.
    """

    name: ClassVar[str] = ""
    provides: ClassVar[frozenset[str]] = frozenset()
    requires: ClassVar[frozenset[str]] = frozenset()

    def process(self, doc: Document) -> Document:
        raise NotImplementedError(Errors.PROCESS_NOT_IMPLEMENTED.format(cls=type(self).__name__))

    def bulk_process(self, docs: Sequence[Document]) -> list[Document]:
        """Process a batch; components with real batching (stanza) override this."""
        return [self.process(doc) for doc in docs]

    def describe(self) -> str:
        """One line for ``eventx info``: what runs, with which model or data."""
        return self.name

    def __call__(self, doc: Document) -> Document:
        return self.process(doc)


ConfigT = TypeVar("ConfigT", bound=ComponentConfig)
Factory = Callable[[Any], Processor]
"""Builds a component from its validated config (an instance of the registered config class)."""
AutoResolver = Callable[[ComponentConfig], str]
"""Picks the concrete variant for ``variant="auto"`` from what is installed."""


@dataclass(frozen=True, slots=True)
class Registration:
    """One variant of one component."""

    name: str
    variant: str
    factory: Factory
    config_class: type[ComponentConfig]
    owner: str
    """Module that registered it (named in the error when someone registers the same name)."""


class ComponentRegistry:
    """Named components with named variants; the catalog the pipeline is built from.

    The registry is filled by the component modules the pipeline imports (and by users who
    register their own); it holds factories and config classes, never built components or
    loaded models, so two pipelines never share state through it.
    """

    def __init__(self) -> None:
        self._entries: dict[str, dict[str, Registration]] = {}
        self._auto: dict[str, AutoResolver] = {}
        self._lock = threading.Lock()

    # -- registering -------------------------------------------------------------------------
    def factory(
        self,
        name: str,
        variant: str = DEFAULT_VARIANT,
        *,
        config: type[ComponentConfig] = ComponentConfig,
        replace: bool = False,
    ) -> Callable[[Factory], Factory]:
        """Decorator: register ``factory(config) -> Processor`` as ``name`` (variant ``variant``)."""

        def decorate(make: Factory) -> Factory:
            self.add(
                Registration(name, variant, make, config, getattr(make, "__module__", "?")),
                replace=replace,
            )
            return make

        return decorate

    def add(self, registration: Registration, *, replace: bool = False) -> None:
        with self._lock:
            variants = self._entries.setdefault(registration.name, {})
            old = variants.get(registration.variant)
            if old is not None and not replace and old.owner != registration.owner:
                label = registration.name if registration.variant == DEFAULT_VARIANT else (
                    f"{registration.name}/{registration.variant}"
                )
                raise ConfigurationError(Errors.DUPLICATE_COMPONENT.format(name=label, owner=old.owner))
            variants[registration.variant] = registration

    def auto_resolver(self, name: str) -> Callable[[AutoResolver], AutoResolver]:
        """Decorator: register how ``name`` resolves ``variant="auto"``."""

        def decorate(resolve: AutoResolver) -> AutoResolver:
            with self._lock:
                self._auto[name] = resolve
            return resolve

        return decorate

    def unregister(self, name: str, variant: str | None = None) -> None:
        """Remove a component (all its variants) or one variant; unknown names are ignored."""
        with self._lock:
            if variant is None:
                self._entries.pop(name, None)
                self._auto.pop(name, None)
                return
            variants = self._entries.get(name, {})
            variants.pop(variant, None)
            if not variants:
                self._entries.pop(name, None)
                self._auto.pop(name, None)

    @contextmanager
    def temporary(self, registration: Registration) -> Iterator[Registration]:
        """Register for the duration of a ``with`` block (tests, experiments); whatever was
        registered under the same name and variant before comes back afterwards."""
        previous = self._entries.get(registration.name, {}).get(registration.variant)
        self.add(registration, replace=True)
        try:
            yield registration
        finally:
            if previous is not None:
                self.add(previous, replace=True)
            else:
                self.unregister(registration.name, registration.variant)

    # -- looking up --------------------------------------------------------------------------
    def names(self) -> list[str]:
        return sorted(self._entries)

    def variants(self, name: str) -> list[str]:
        return sorted(self._entries.get(name, {}))

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def resolve(self, name: str, settings: Mapping[str, Any] | None = None) -> tuple[Registration, ComponentConfig]:
        """The registration and validated config for component ``name`` with ``settings``.

        ``settings`` are the config fields (``variant`` among them when the component has
        several); ``variant="auto"`` goes through the component's auto resolver.
        """
        variants = self._entries.get(name)
        if not variants:
            raise ConfigurationError(Errors.UNKNOWN_COMPONENT.format(name=name, known=", ".join(self.names())))
        settings = dict(settings or {})
        requested = settings.get("variant")
        if requested is None:
            requested = DEFAULT_VARIANT if DEFAULT_VARIANT in variants else "auto"
        probe = next(iter(variants.values())) if requested == "auto" else variants.get(str(requested))
        if probe is None:
            raise ConfigurationError(Errors.UNKNOWN_VARIANT.format(
                option="variant", value=requested, name=name, known=", ".join(["auto", *sorted(variants)])
            ))
        config = _validate(name, probe.config_class, settings)
        if requested == "auto":
            resolver = self._auto.get(name)
            if resolver is None:
                raise ConfigurationError(Errors.UNKNOWN_VARIANT.format(
                    option="variant", value="auto", name=name, known=", ".join(sorted(variants))
                ))
            concrete = resolver(config)
            registration = variants.get(concrete)
            if registration is None:
                raise ConfigurationError(Errors.UNKNOWN_VARIANT.format(
                    option="variant (from auto)", value=concrete, name=name, known=", ".join(sorted(variants))
                ))
            # The factory sees the concrete variant it builds, never "auto".
            config = _validate(name, registration.config_class, {**settings, "variant": concrete})
            return registration, config
        return probe, config

    def create(self, name: str, settings: Mapping[str, Any] | None = None) -> Processor:
        """Build component ``name`` from ``settings`` (validated against its config class)."""
        registration, config = self.resolve(name, settings)
        component = registration.factory(config)
        if not isinstance(component, Processor):
            raise ConfigurationError(Errors.NOT_A_COMPONENT.format(name=name, got=type(component).__name__))
        return component


def _validate(name: str, config_class: type[ConfigT], settings: Mapping[str, Any]) -> ConfigT:
    try:
        return config_class.model_validate(dict(settings))
    except ValidationError as error:
        details = "; ".join(
            f"{'.'.join(str(p) for p in item['loc']) or '(config)'}: {item['msg']}" for item in error.errors()
        )
        raise ConfigurationError(Errors.BAD_COMPONENT_CONFIG.format(name=name, details=details)) from None


registry = ComponentRegistry()
"""The process-wide component catalog (factories only; see :class:`ComponentRegistry`)."""
