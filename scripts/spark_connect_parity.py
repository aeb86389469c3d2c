"""The Spark Connect part of ``make test-spark``: a local Spark Connect server, the project built
through it, every staging and mart relation compared with the DuckDB build.

    python scripts/spark_connect_parity.py --duckdb FILE --work DIR

1. Starts the Spark Connect server that ships inside the installed pyspark
   (``$SPARK_HOME/sbin/start-connect-server.sh``; nothing is downloaded) on a free port, with the
   ``spark`` profile's ``server_side_parameters`` (profiles.yml: the one list of them) and the
   warehouse under ``DIR``. Its Python workers import ``python_udfs`` from this checkout
   (PYTHONPATH), which is what installing the package on a cluster's workers gives.
2. ``dbt build --target spark_connect`` with ``SPARK_REMOTE=sc://localhost:<port>``: the SQL, the
   Python models and the embedding pandas UDF all go through Connect.
3. ``python -m python_udfs.spark.parity`` against ``FILE`` (it reads the server's parquet files).
4. ``pytests/integration/test_spark_inputs.py`` through the same server: the broken input folder
   of test_rejects gives the same valid and rejected records as on DuckDB (it rebuilds the staging
   tables in the server's warehouse, so it runs after the comparison).
5. Stops the server whatever happened (a failed build still goes on to the comparison, which names
   what is missing or different). Exits non-zero when the build or the comparison failed.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import jinja2
import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 180  # the JVM start took 5-10 s here; the first start also unpacks Ivy caches


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_settings(warehouse: Path) -> dict[str, str]:
    """The ``spark`` output's server_side_parameters, rendered with this warehouse."""
    text = (PROJECT_DIR / "profiles.yml").read_text(encoding="utf-8")
    env = {**os.environ, "INFLUENCER_SPARK_WAREHOUSE": str(warehouse)}
    rendered = jinja2.Template(text).render(env_var=lambda name, default=None: env.get(name, default))
    outputs = next(iter(yaml.safe_load(rendered).values()))["outputs"]
    return {key: str(value) for key, value in outputs["spark"]["server_side_parameters"].items()}


def wait_until_listening(port: int, log_dir: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(1)
    logs = "\n".join(path.read_text(errors="replace")[-3000:] for path in sorted(log_dir.glob("*.out")))
    raise SystemExit(f"the Spark Connect server did not listen on port {port} within {START_TIMEOUT_S} s:\n{logs}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duckdb", required=True, type=Path, help="the DuckDB build to compare with")
    parser.add_argument("--work", required=True, type=Path, help="folder for the server's warehouse and logs")
    parser.add_argument("--exclude", default="test_type:unit", help="dbt --exclude (unit tests are DuckDB SQL)")
    args = parser.parse_args(argv)

    import pyspark

    spark_home = Path(pyspark.__file__).parent
    work = args.work.absolute()
    warehouse, logs = work / "warehouse", work / "logs"
    for folder in (warehouse, logs, work / "pid"):
        folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {
        **os.environ,
        "SPARK_HOME": str(spark_home),
        "SPARK_LOG_DIR": str(logs),
        "SPARK_PID_DIR": str(work / "pid"),
        "PYSPARK_PYTHON": sys.executable,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_DIR), os.environ.get("PYTHONPATH")])),
    }
    settings = {**server_settings(warehouse), "spark.connect.grpc.binding.port": str(port)}
    master = settings.pop("spark.master", "local[2]")
    start = [str(spark_home / "sbin" / "start-connect-server.sh"), "--master", master]
    for key, value in settings.items():
        start += ["--conf", f"{key}={value}"]
    print(f"spark-connect: starting the server on port {port} (logs in {logs})", flush=True)
    subprocess.run(["bash", *start], env=env, check=True, cwd=work)
    try:
        wait_until_listening(port, logs)
        dbt = Path(sys.executable).with_name("dbt")
        build = subprocess.run(
            [str(dbt), "build", "--target", "spark_connect", "--exclude", args.exclude],
            env={**env, "SPARK_REMOTE": f"sc://localhost:{port}", "DBT_PROFILES_DIR": str(PROJECT_DIR)},
            cwd=PROJECT_DIR,
        ).returncode
        parity = subprocess.run(
            [sys.executable, "-m", "python_udfs.spark.parity", "--duckdb", str(args.duckdb)]
            + ["--spark-warehouse", str(warehouse)],
            cwd=PROJECT_DIR,
        ).returncode
        inputs = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "pytests/integration/test_spark_inputs.py"],
            env={
                **os.environ,
                "INFLUENCER_SPARK_TESTS": "1",
                "INFLUENCER_SPARK_INPUTS_TARGET": "spark_connect",
                "INFLUENCER_SPARK_CONNECT_WAREHOUSE": str(warehouse),
                "SPARK_REMOTE": f"sc://localhost:{port}",
            },
            cwd=PROJECT_DIR,
        ).returncode
    finally:
        subprocess.run(["bash", str(spark_home / "sbin" / "stop-connect-server.sh")], env=env, check=False)
        print("spark-connect: server stopped", flush=True)
    print(f"spark-connect: dbt build exit {build}, parity exit {parity}, input tests exit {inputs}", flush=True)
    return 0 if build == parity == inputs == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
