"""Shaanxi rules for unionnews: programs, and 陕西工人报 as the outlet."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from unionnews.document import Document
from unionnews.hookspecs import hookimpl

INITIATIVES = ("陕西工人大思政课", "新双15工程", "县级工会加强年")
#: ``省总工会`` in a Shaanxi story means the Shaanxi federation.
PROVINCIAL = ("陕西省总工会", "省总工会")


class ShaanxiPlugin:
    """Adds Shaanxi programs; names the outlet when only the federation's site is credited."""

    @hookimpl
    def unionnews_lexicon(self) -> Mapping[str, Sequence[str]]:
        return {"initiative": INITIATIVES, "source": ("陕西工人报", "陕西工会网")}

    @hookimpl
    def unionnews_extract_metadata(self, document: Document) -> Mapping[str, str | None] | None:
        """``转载请注明: 陕西省总工会`` pages are 陕西工人报's unless a source line says otherwise."""
        if "转载请注明" in document.text and "陕西省总工会" in document.text and "来源" not in document.text:
            return {"newspaper": "陕西工人报"}
        return None


plugin = ShaanxiPlugin()
