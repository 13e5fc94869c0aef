"""The process that checks one upload: `python -m loaders.check_process REPLY_FD ADDRESS_SPACE_BYTES`.

Started by loaders/worker.py as a program of its own (never a fork or a multiprocessing child, which re-run the
app's main module), it limits its own address space, loads the loader code, then waits on stdin for one request:
a pickled (data, filename, dataset, as_of). It sends ("progress", share) as the check goes and then ("result",
LoadResult) or ("memory", None) on the reply pipe, and exits: one file per process, so nothing a hostile file did
to this process outlives it. An empty stdin (the app shut down while this process waited) ends it quietly.
"""

from __future__ import annotations

import pickle
import resource
import sys
from multiprocessing.connection import Connection


def limit_address_space(ceiling: int) -> None:
    """Allocations past `ceiling` bytes of address space fail here (a MemoryError, or an abort in Rust code)
    instead of growing until the parent notices: the parent's watch of resident memory polls, this does not."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = ceiling if hard == resource.RLIM_INFINITY else min(ceiling, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def main(argv: list[str]) -> int:
    replies = Connection(int(argv[0]), readable=False)
    limit_address_space(int(argv[1]))
    from loaders.load import load_file  # before the request, so that a waiting spare process has done it already

    try:
        data, filename, dataset, as_of = pickle.load(sys.stdin.buffer)
    except EOFError:
        return 0
    try:
        result = load_file(data, filename, dataset, as_of, progress=lambda share: replies.send(("progress", share)))
    except MemoryError:
        del data
        replies.send(("memory", None))
        return 0
    replies.send(("result", result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
