#!/usr/bin/env python3
"""Where a JFR recording's CPU samples went, by owner: each sample is charged to the first frame from the top of its
stack that belongs to a known part (coders, Flink's optimizer, Flink's runtime, Veil's transforms, Beam's glue), so
JDK code counts for whoever called it.

usage: jfr print --events jdk.ExecutionSample --stack-depth 64 job.jfr > samples.txt
       scripts/jfr-attribution.py samples.txt
"""
import collections
import re
import sys

PARTS = [
    ("coders: Avro, Beam coders, Flink's serializer wrappers",
     ("org.apache.avro", "org.apache.beam.sdk.coders", "org.apache.beam.sdk.extensions.avro",
      "org.apache.beam.runners.flink.translation.types", "org.apache.beam.runners.flink.translation.wrappers",
      "org.apache.beam.sdk.util.WindowedValue", "dev.veil.schemas")),
    ("Flink optimizer: compiling the plan", ("org.apache.flink.optimizer",)),
    ("Flink runtime: network, sort, spill, memory", ("org.apache.flink.runtime", "org.apache.flink.core")),
    ("Veil transforms and the libraries they call",
     ("dev.veil", "com.knuddels", "com.hankcs", "com.google.i18n", "com.fasterxml", "org.bouncycastle")),
    ("Beam runner glue: DoFn invokers, metrics", ("org.apache.beam",)),
]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    owners = collections.Counter()
    steps = collections.Counter()
    n = 0
    for sample in open(sys.argv[1]).read().split("jdk.ExecutionSample"):
        frames = re.findall(r"^\s+([\w$.<>]+)\(", sample, re.M)
        if not frames:
            continue
        n += 1
        owner = "JDK only"
        for i, f in enumerate(frames):
            part = next((name for name, prefixes in PARTS if f.startswith(prefixes)), None)
            if part:
                owner = part
                if part == PARTS[3][0]:
                    # the outermost Veil frame below: the step (DoFn) that did the work
                    j = i
                    while j + 1 < len(frames) and not frames[j + 1].startswith("org.apache"):
                        j += 1
                    steps[re.sub(r"\$DoFnInvoker\..*", "", frames[j])] += 1
                break
        owners[owner] += 1
    print(f"{n} samples")
    for name, count in owners.most_common():
        print(f"{100 * count / n:5.1f}%  {name}")
    print("Veil's share by step:")
    for name, count in steps.most_common(15):
        print(f"{100 * count / n:5.1f}%  {name}")


if __name__ == "__main__":
    main()
