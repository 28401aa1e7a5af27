"""Test-only dramatiq plugin: makes reading one named file kill its process or hang (TEKSER_TEST_* env vars).

Loaded only by tests: `python -m dramatiq workers.actors tests.workers.crash_plugin`.
"""

from __future__ import annotations

import os
import time

from workers import local

_real_process_job = local.process_job


def _faulty_process_job(job: local.Job) -> local.Outcome:
    sha = os.path.basename(job.path)
    if sha in os.environ.get("TEKSER_TEST_CRASH_SHA256", "").split(","):
        os._exit(70)
    if sha in os.environ.get("TEKSER_TEST_HANG_SHA256", "").split(","):
        time.sleep(3600)
    delay = float(os.environ.get("TEKSER_TEST_READ_DELAY_S", "0"))
    if delay:
        time.sleep(delay)
    return _real_process_job(job)


local.process_job = _faulty_process_job
