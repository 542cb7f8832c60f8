"""Run :func:`planner.solver.solve` in a child process, with the same signature and callbacks.

The desktop app solves in a worker thread; on large pools the solver's own Python work
(preparing options, building the model, validating the plan) then competes with the
window's thread for the interpreter and makes the window stutter. In a child process it
competes with nothing: the calling thread only waits on a queue. Progress reports and the
final plan come back pickled; ``should_stop`` is forwarded through an event the child polls.
"""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Callable
from typing import Any

from planner.model.plan import Plan
from planner.model.project import Problem

POLL_SECONDS = 0.05
GRACE_SECONDS = 10.0  # after a stop, how long the child may take to hand back its best plan


def _child(problem: Problem, options: dict[str, Any], outbox: Any, stop: Any) -> None:
    from planner.solver import solve

    try:
        plan = solve(
            problem, on_progress=lambda report: outbox.put(("progress", report)), should_stop=stop.is_set, **options
        )
        outbox.put(("plan", plan))
    except BaseException as exc:  # handed to the parent, which raises it
        outbox.put(("error", exc))


def solve_isolated(
    problem: Problem,
    *,
    on_progress: Callable[[Any], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    **options: Any,
) -> Plan:
    """Like ``solve(problem, ...)``, computed in a separate process."""
    context = multiprocessing.get_context("spawn")  # no fork: the parent may run Qt threads
    outbox = context.Queue()
    stop = context.Event()
    child = context.Process(target=_child, args=(problem, options, outbox, stop), daemon=True)
    child.start()
    stopped_at: float | None = None
    waited = 0.0
    try:
        while True:
            if should_stop is not None and should_stop() and not stop.is_set():
                stop.set()
                stopped_at = waited
            try:
                kind, payload = outbox.get(timeout=POLL_SECONDS)
            except queue.Empty:
                waited += POLL_SECONDS
                if not child.is_alive() and outbox.empty():
                    raise RuntimeError(f"the solver process ended unexpectedly (exit code {child.exitcode})") from None
                if stopped_at is not None and waited - stopped_at > GRACE_SECONDS:
                    raise RuntimeError("the solver process did not stop in time") from None
                continue
            if kind == "progress":
                if on_progress is not None:
                    on_progress(payload)
            elif kind == "plan":
                return payload  # type: ignore[no-any-return]
            else:
                raise payload
    finally:
        child.join(timeout=1.0)
        if child.is_alive():
            child.terminate()
            child.join()
        outbox.close()
