"""Per-article work on executors: a process pool and a real Dask LocalCluster of 2 processes.

The cluster's results must equal the single-process run's, row for row, also when a worker
process is killed mid-run.
"""

from __future__ import annotations

import os
import signal
import time

import pytest

from storyline import distributed, pipeline, settings
from storyline.store import Store

dask_distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")


@pytest.fixture(scope="module")
def cluster():
    with dask_distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None) as local:
        yield local


@pytest.fixture()
def conf():
    values = settings.load({"profile": "sample-corpus"})
    before = settings.current()
    settings.use(values)
    yield values
    settings.use(before)


def _run(corpus_dir, conf, executor, progress=None):
    with Store.open("sqlite://") as store:
        pipeline.ingest([str(corpus_dir)], store, conf, executor=executor)
        report = pipeline.analyse(store, progress=progress, executor=executor)
        return store.dump(), report


@pytest.fixture(scope="module")
def single_process(corpus_dir):
    values = settings.load({"profile": "sample-corpus"})
    before = settings.current()
    settings.use(values)
    try:
        return _run(corpus_dir, values, distributed.Executor())
    finally:
        settings.use(before)


def _square(x: int) -> int:
    return x * x


def _slow_square_and_pid(x: int) -> tuple[int, int]:
    time.sleep(0.1)
    return x * x, os.getpid()


def test_map_keeps_input_order_and_bounds_the_work_in_flight():
    pulled = []

    def items():
        for n in range(60):
            pulled.append(n)
            yield n

    with distributed.PoolExecutor(2) as executor:
        results = executor.map(_square, items(), per_task=3)
        first = next(results)
        in_flight = len(pulled)
        assert first == 0
        assert list(results) == [n * n for n in range(1, 60)]
    # Two workers, TASKS_PER_WORKER tasks each, 3 items a task, and the one batch being cut.
    assert in_flight <= (2 * distributed.TASKS_PER_WORKER + 1) * 3 < 60


def test_executor_for_picks_by_options():
    assert type(distributed.executor_for()) is distributed.Executor
    with distributed.executor_for(workers=2) as pool:
        assert isinstance(pool, distributed.PoolExecutor) and pool.workers == 2


def test_an_unreachable_scheduler_is_a_config_error():
    from storyline.errors import ConfigError

    for address in ("tcp://127.0.0.1:9", "no-port-here"):
        with pytest.raises(ConfigError, match="cannot reach the Dask scheduler"):
            distributed.DaskExecutor(address, workers=1, timeout=1)


@pytest.mark.slow
def test_dask_run_equals_the_single_process_run(cluster, corpus_dir, conf, single_process):
    expected, expected_report = single_process
    with distributed.DaskExecutor(cluster.scheduler_address) as executor:
        assert executor.workers == 2
        dumped, report = _run(corpus_dir, conf, executor)
    assert report.ran == expected_report.ran and report.ran["attribution.v1"] == 22
    assert dumped == expected


@pytest.mark.slow
def test_a_worker_killed_mid_map_loses_and_doubles_nothing(cluster):
    with distributed.DaskExecutor(cluster.scheduler_address) as executor:
        pids = set(executor.client.run(os.getpid).values())
        results = executor.map(_slow_square_and_pid, range(40), per_task=2)
        collected = [next(results) for _ in range(3)]
        victim = next(pid for pid in pids if pid != collected[-1][1])
        os.kill(victim, signal.SIGKILL)
        collected += list(results)
    assert [square for square, _ in collected] == [n * n for n in range(40)]
    # Items 0-3 (two tasks) were fetched before the kill; everything after ran on a live worker.
    assert victim not in {pid for _, pid in collected[4:]}


@pytest.mark.slow
def test_a_worker_killed_mid_analysis_leaves_the_single_process_result(cluster, corpus_dir, conf,
                                                                       single_process):
    with distributed.DaskExecutor(cluster.scheduler_address) as executor:
        seen: list[str] = []
        pids = list(executor.client.run(os.getpid).values())

        def kill_once(source: str) -> None:
            seen.append(source)
            if len(seen) == 2:  # the first results are in, the other tasks are still running
                os.kill(pids[0], signal.SIGKILL)

        dumped, report = _run(corpus_dir, conf, executor, progress=kill_once)
        assert pids[0] not in executor.client.run(os.getpid).values()
    assert len(seen) == len(set(seen)) == 22
    assert not report.failed
    assert dumped == single_process[0]


def test_cli_names_a_bad_scheduler_in_one_line(tmp_path):
    from typer.testing import CliRunner

    from storyline.cli import app

    story = tmp_path / "story.txt"
    story.write_text("Talks resume\n\nThe two delegations met again on Monday, officials said.\n")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(story), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["analyse", "--db", db, "--dask", "no-port-here"])
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at 'no-port-here'" in result.output
