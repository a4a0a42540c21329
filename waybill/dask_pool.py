"""The Dask executor (``--executor dask``): files, and pieces of large text files, masked by the
workers of a Dask cluster (``dask.distributed``), or of a ``LocalCluster`` started here when no
scheduler address is given. The client keeps the audit log (one ordered chain, in input order)
and moves each output into place after its audit line, as with local workers.

What travels to the workers:

- once per worker, in a worker plugin registered for the run (and unregistered at its end; the
  scheduler keeps it meanwhile for workers that join late): the engine's settings, i.e. the policy
  (with a named share's per-run key), the vault path and, for ``print``, the vault key, the OCR
  engine's name, and the audit *value* key (HMACs of original values). Never the audit master key
  or the chain key that MACs audit lines (``audit.AuditKeys`` pickles its value key only);
- with every task: the function and its arguments (a file's input and output paths and format, or
  a piece of a large text file), no key material;
- back from every task: the output's temp location and SHA-256, the audit records (types, places,
  HMACs, never a value), or a masked piece.

Keys and file contents cross the network in the clear unless the cluster uses ``tls://``: run it
on a private network or with TLS. Each worker thread builds its engine once, on its first task.
"""
from __future__ import annotations

import threading
import uuid

from .errors import MissingDependency, OutputError, WaybillError, WorkerDied

try:  # the plugin's base class (workers import this module to unpickle the plugin)
    from distributed.diagnostics.plugin import WorkerPlugin as _PluginBase
except ImportError:  # pragma: no cover - dask not installed: DaskPool says so
    _PluginBase = object

#: engine settings per run token (set by the run's plugin on each worker)
_SPECS: dict[str, tuple] = {}
#: engines per (run token, worker thread): a thread's engine holds its own vault connection
_ENGINES: dict[tuple[str, int], object] = {}


class EnginePlugin(_PluginBase):
    """The engine settings of one run, sent once to each worker (see the module's notes)."""

    idempotent = False

    def __init__(self, token: str, build, args: tuple):
        self.token, self.build, self.args = token, build, args

    def setup(self, worker=None):
        _SPECS[self.token] = (self.build, self.args)

    def teardown(self, worker=None):
        _SPECS.pop(self.token, None)
        for key in [k for k in _ENGINES if k[0] == self.token]:
            _ENGINES.pop(key, None)


def engine_for(token: str):
    """This worker thread's engine for the run ``token`` (built on its first task)."""
    key = (token, threading.get_ident())
    engine = _ENGINES.get(key)
    if engine is None:
        spec = _SPECS.get(token)
        if spec is None:
            raise RuntimeError("this Dask worker has not got the run's settings (waybill's worker plugin)")
        engine = _ENGINES[key] = spec[0](*spec[1])
    return engine


def run_task(token: str, fn, args):
    """On a worker: ``fn(*args)`` with this thread's engine as the worker engine."""
    from .formats import pieces

    pieces._THREAD.engine = engine_for(token)  # this thread's own (a module global would be shared)
    return fn(*args)


class DaskPool:
    """Same interface as ``pipeline.SafePool`` (``apply_async(fn, args).get()``, ``terminate``,
    ``join``). ``build(*engine_args)`` makes a worker's engine."""

    def __init__(self, workers: int, build, engine_args: tuple, scheduler: str | None = None):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise MissingDependency("--executor dask needs dask.distributed: pip install 'waybill[dask]'") from None
        self._cluster = None
        self.client = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="20s")
            except (OSError, TimeoutError) as e:
                raise OutputError(f"cannot reach the Dask scheduler at {scheduler} ({e.__class__.__name__})") from None
        else:
            try:
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                             dashboard_address=None, silence_logs=50)
                self.client = Client(self._cluster)
            except Exception as e:  # the workers could not start (no fork/spawn, no ports)
                raise OutputError(f"could not start a local Dask cluster ({e.__class__.__name__})") from None
        self.token = uuid.uuid4().hex
        self.plugin = "waybill-" + self.token
        try:
            self.client.register_plugin(EnginePlugin(self.token, build, engine_args), name=self.plugin)
        except Exception as e:
            self.terminate()
            raise OutputError(f"could not set up the Dask workers ({e.__class__.__name__})") from None

    def apply_async(self, fn, args=()):
        return _DaskResult(self.client.submit(run_task, self.token, fn, args, pure=False))

    def terminate(self):
        try:
            if self.client is not None:
                try:
                    self.client.unregister_worker_plugin(self.plugin)
                except Exception:  # the cluster is gone already
                    pass
                self.client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()
                self._cluster = None

    def join(self):
        pass


class _DaskResult:
    __slots__ = ("future",)

    def __init__(self, future):
        self.future = future

    def get(self):
        try:
            return self.future.result()
        except WaybillError:
            raise
        except Exception:  # a worker lost (KilledWorker) or a task that could not run
            raise WorkerDied() from None
