"""Layer 3: the built-in extractors, each registered as a pluggy plugin.

Each module owns one job (dates, people, metadata, meetings, initiatives,
statistics) and exposes plain functions over a :class:`~unionnews.document.Document`;
:mod:`unionnews.extract.builtin` wraps them as hook implementations.
"""
