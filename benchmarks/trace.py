"""``python -m benchmarks.trace``: the name issue 14 gives the leak-tracing benchmark; it is
``benchmarks/trace_eval.py`` (same options)."""
import sys

from .trace_eval import main

if __name__ == "__main__":
    sys.exit(main())
