"""The entry-point reader finds what importlib.metadata finds, in the same order, or says it cannot."""

from __future__ import annotations

import importlib.metadata
import sys
import zipfile
from pathlib import Path

import pytest

from unionnews._entry_points import Unusual, _scan, entry_points_on_path
from unionnews.plugins import _discover


def metadata_view(group: str, paths: list[str]) -> list[tuple[str, str | None, str]]:
    return [
        (ep.name, ep.dist.name if ep.dist else None, ep.value)
        for ep in importlib.metadata.entry_points(group=group)
        if not paths or any(str(ep.dist._path).startswith(p) for p in paths)  # type: ignore[union-attr]
    ]


def our_view(group: str, paths: list[str] | None = None) -> list[tuple[str, str, object]]:
    """What the reader finds, whichever distribution finders this test process has (dask adds one)."""
    return [(name, dist, load) for name, dist, load in _scan(group, sys.path if paths is None else paths)]


def test_another_distribution_finder_leaves_the_search_to_importlib_metadata(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Finder:
        @staticmethod
        def find_distributions(context: object) -> list[object]:
            return []

    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Finder()])
    assert entry_points_on_path("unionnews") is None


def test_every_group_of_this_environment_matches_importlib_metadata() -> None:
    groups = {ep.group for dist in importlib.metadata.distributions() for ep in dist.entry_points}
    assert "unionnews" in groups and "console_scripts" in groups
    for group in groups:
        ours = [(name, dist) for name, dist, _ in our_view(group)]
        theirs = [
            (ep.name, ep.dist.name if ep.dist else None)
            for ep in importlib.metadata.entry_points(group=group)
        ]
        assert ours == theirs, group


def test_the_installed_plugins_load_as_importlib_metadata_loads_them() -> None:
    theirs = {ep.name: ep.load() for ep in importlib.metadata.entry_points(group="unionnews")}
    ours = {name: load() for name, _, load in _discover()}
    assert ours == theirs and set(ours) == {"henan", "shaanxi", "sichuan"}


def write_dist(site: Path, folder: str, name: str, entry_points: str, metadata: str = "METADATA") -> None:
    info = site / folder
    info.mkdir(parents=True)
    (info / metadata).write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n\nlong text\n")
    (info / "entry_points.txt").write_text(entry_points)


def test_a_site_folder_with_shadowed_and_legacy_distributions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    eps = "[unionnews]\n# a comment\nalpha = pkg_a.plugins:Plugin.instance [extra]\n\n[other]\nx = y:z\n"
    write_dist(first, "pkg_a-1.0.dist-info", "Pkg.A", eps)
    write_dist(first, "pkg_b-2.0.egg-info", "pkg-b", "[unionnews]\nbeta=pkg_b\n", "PKG-INFO")
    write_dist(second, "pkg_a-0.9.dist-info", "pkg_a", "[unionnews]\nshadowed = pkg_a:old\n")
    write_dist(second, "Pkg_C-3.dist-info", "pkg-c", "[unionnews]\ngamma = pkg_c : thing\n")
    paths = [str(first), str(second)]
    monkeypatch.setattr(sys, "path", [*paths, *sys.path])
    importlib.metadata.FastPath.__new__.cache_clear()  # type: ignore[attr-defined]
    theirs = metadata_view("unionnews", paths)
    ours = our_view("unionnews", paths)
    assert [(n, d) for n, d, _ in ours] == [(n, d) for n, d, _ in theirs]
    assert sorted(n for n, _, _ in ours) == ["alpha", "beta", "gamma"]  # pkg_a 0.9 is shadowed


def test_a_zip_on_the_path_is_left_to_importlib_metadata(tmp_path: Path) -> None:
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("pkg-1.0.dist-info/entry_points.txt", "[unionnews]\nz = pkg:z\n")
    with pytest.raises(Unusual):
        _scan("unionnews", [str(archive)])
    assert _scan("unionnews", [str(tmp_path / "missing")]) == []


def test_an_entry_point_that_is_not_module_attr_is_left_to_importlib_metadata(tmp_path: Path) -> None:
    write_dist(tmp_path, "odd-1.0.dist-info", "odd", "[unionnews]\nodd = not a module path\n")
    with pytest.raises(Unusual):
        _scan("unionnews", [str(tmp_path)])


def test_a_distribution_without_a_name_is_left_to_importlib_metadata(tmp_path: Path) -> None:
    info = tmp_path / "anon-1.0.dist-info"
    info.mkdir()
    (info / "entry_points.txt").write_text("[unionnews]\nanon = anon:plugin\n")
    with pytest.raises(Unusual):
        _scan("unionnews", [str(tmp_path)])
