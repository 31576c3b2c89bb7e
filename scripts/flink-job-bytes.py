#!/usr/bin/env python3
"""Bytes and records each task of the last job on a Flink cluster read and wrote, from its REST API.

usage: scripts/flink-job-bytes.py PORT [TOP]

Every byte a task writes to another task went through the element's coder (serialized, shipped, deserialized); on
Flink's batch runner a step with several outputs sends all of its output to the consumer of each output. The total
over all tasks against the raw input size is how many times the job serialized its input.
"""
import json
import sys
import urllib.request


def get(port, path):
    with urllib.request.urlopen(f"http://localhost:{port}{path}") as r:
        return json.load(r)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    port, top = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 25
    jobs = get(port, "/jobs/overview")["jobs"]
    if not jobs:
        sys.exit("no job on this cluster")
    job = max(jobs, key=lambda j: j["start-time"])
    vertices = get(port, f"/jobs/{job['jid']}")["vertices"]
    written = sum(v["metrics"]["write-bytes"] for v in vertices)
    print(f"job {job['name']} {job['state']} {job['duration'] / 1000:.1f} s, {len(vertices)} tasks, "
          f"{written / 1e6:,.1f} MB written between tasks")
    print(f"{'read MB':>9} {'records':>10} {'written MB':>11}  task")
    for v in sorted(vertices, key=lambda v: -v["metrics"]["read-bytes"])[:top]:
        m = v["metrics"]
        print(f"{m['read-bytes'] / 1e6:9.1f} {m['read-records']:10d} {m['write-bytes'] / 1e6:11.1f}  {v['name'][:140]}")


if __name__ == "__main__":
    main()
