"""Building many small objects that form no reference cycle, without the cycle collector.

CPython's collector runs after every 700 new container objects, and now and then over the
whole heap: building the tree of 50,000 organizations (six objects each) set it off often
enough to take a third of the time, for nothing, since the tree holds no cycle.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector for the block; reference counting still frees everything
    that is dropped. A collector already paused (by a caller, or by another thread's block
    in progress) is left as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
