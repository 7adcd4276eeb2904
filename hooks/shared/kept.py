"""What the build reads from the site's data files (docs/_data/…), read once per build rather
than once per page: the result is kept until one of its files changes (`make serve`) or the
site's languages do."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


class KeptUntilChanged(Generic[T]):
    def __init__(self) -> None:
        self._key: tuple | None = None
        self._value: T | None = None

    # The kept result, or read() again when a file of `paths` or the languages have changed.
    def get(self, paths: list[Path], languages: list[str], read: Callable[[], T]) -> T:
        key = (tuple(languages), tuple((str(path), stat.st_mtime_ns, stat.st_size)
                                       for path in paths for stat in [path.stat()]))
        if key != self._key:
            self._value = read()
            self._key = key
        return self._value  # type: ignore[return-value]
