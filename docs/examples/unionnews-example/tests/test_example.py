"""The plugin's effect: compare a parse with it against the same parse without it."""

import unionnews

TEXT = "示例市总工会职工服务站正式启用，为职工提供示例工惠服务。"


def names(article: unionnews.Article) -> set[str]:
    return {e.name for e in article.events if e.kind == "initiative"}


def test_brand_and_station_come_from_the_plugin() -> None:
    with_plugin = names(unionnews.parse(TEXT))
    without = names(unionnews.parse(TEXT, disable=["example"]))
    assert {"示例工惠", "职工服务站"} <= with_plugin - without
