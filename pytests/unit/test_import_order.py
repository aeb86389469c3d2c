"""The import race of issue 33, in two threads of a fresh interpreter: one importing torch (as an
embedding model does), one calling scipy.stats (as the TikTok elbow and k-means do).

Without :func:`python_udfs.dbt_glue.import_order.import_torch_first` the scipy thread finds torch
half imported; with it (what every Python model calls before its work) it never does.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from pytests.support.paths import PROJECT_DIR

RACE = textwrap.dedent(
    """
    import sys
    import threading

    import numpy as np
    import scipy.stats

    from python_udfs.dbt_glue.import_order import import_torch_first

    SETTLE_FIRST = {settle_first}
    errors, calls = [], []


    def importer():
        import torch  # noqa: F401


    def scipy_user():
        while "torch" not in sys.modules:  # start while torch is being imported
            pass
        if SETTLE_FIRST:
            import_torch_first()
        for _ in range(200):
            try:
                scipy.stats.zscore(np.arange(10.0))
                calls.append(1)
            except AttributeError as error:
                errors.append(str(error))
                return
            if not SETTLE_FIRST and not importing.is_alive():
                return


    importing = threading.Thread(target=importer)
    user = threading.Thread(target=scipy_user)
    user.start()
    importing.start()
    importing.join()
    user.join()
    print(len(calls), len(errors), *errors[:1], sep="|")
    """
)


def run_race(settle_first: bool) -> tuple[int, int, str]:
    result = subprocess.run(
        [sys.executable, "-c", RACE.format(settle_first=settle_first)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    calls, errors, *message = result.stdout.strip().split("|")
    return int(calls), int(errors), "".join(message)


def test_without_the_fix_scipy_sees_torch_half_imported():
    calls, errors, message = run_race(settle_first=False)
    assert errors == 1, f"the race did not show ({calls} clean calls): the test no longer reproduces it"
    assert "partially initialized module 'torch'" in message


def test_with_torch_imported_first_scipy_never_sees_it_half_imported():
    calls, errors, message = run_race(settle_first=True)
    assert (calls, errors) == (200, 0), message
