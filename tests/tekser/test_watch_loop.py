"""The watch loop's stopping rules: a stop flag ends it even when the KeyboardInterrupt itself was lost."""

from __future__ import annotations

import os
import signal
import threading

import pytest

from tekser.commands.watch import StopFlag, StopOnSignal, watch_loop


def test_a_stop_set_during_a_cycle_ends_the_loop_as_an_interrupt() -> None:
    stop = StopFlag()
    cycles: list[int] = []

    def cycle() -> None:  # the handler ran, but its KeyboardInterrupt was swallowed by a finalizer
        cycles.append(1)
        if len(cycles) == 3:
            stop.set()

    with pytest.raises(KeyboardInterrupt):
        watch_loop(cycle, lambda: False, once=False, poll_s=0.0, stop=stop)
    assert len(cycles) == 3


def test_once_returns_when_idle_without_an_interrupt() -> None:
    cycles: list[int] = []
    watch_loop(lambda: cycles.append(1), lambda: len(cycles) == 2, once=True, poll_s=0.0, stop=StopFlag())
    assert len(cycles) == 2


def test_sigterm_sets_the_flag_and_interrupts_then_the_old_handlers_come_back() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(KeyboardInterrupt), StopOnSignal() as stop:
        os.kill(os.getpid(), signal.SIGTERM)
    assert stop.is_set()
    assert signal.getsignal(signal.SIGTERM) is before


def test_a_signal_arriving_while_the_loop_waits_stops_it() -> None:
    # the CI hang: SIGINT landed while the main thread was inside threading.Event.wait(), whose lock the handler's
    # Event.set() then waited for forever; the loop now sleeps and the handler only assigns a flag
    cycles: list[int] = []

    def cycle() -> None:
        cycles.append(1)
        threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGTERM)).start()

    with pytest.raises(KeyboardInterrupt), StopOnSignal() as stop:
        watch_loop(cycle, lambda: False, once=False, poll_s=30.0, stop=stop)
    assert stop.is_set()
    assert cycles == [1]
