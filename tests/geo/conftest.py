"""The gazetteer for geo tests: the one `khabar setup` built (CI runs set-up first), or one
built once per session into a temporary folder when that is missing or out of date."""

from __future__ import annotations

import pytest

from khabar.geo.build import FILE_NAME, _is_current, build_gazetteer
from khabar.geo.lookup import Gazetteer
from khabar.geo.resolve import Resolver
from khabar.settings import Settings


@pytest.fixture(scope="session")
def gazetteer_path(tmp_path_factory):
    path = Settings().gazetteer_path()
    if path.exists() and _is_current(path):
        return path
    folder = tmp_path_factory.mktemp("gazetteer")
    build_gazetteer(folder, force=True)
    return folder / FILE_NAME


@pytest.fixture(scope="session")
def gazetteer(gazetteer_path):
    return Gazetteer(gazetteer_path)


@pytest.fixture(scope="session")
def resolver(gazetteer):
    return Resolver(gazetteer)
