#!/usr/bin/env python3
"""Counts real test cases after `bazel test`, from Bazel's summary lines.

Usage: count_tests.py NAME:BAZEL_OUTPUT_FILE:TESTLOGS_DIR... [NAME:LOG:]...

One triple per `bazel test` run (the plain build, the sanitizer builds,
the other architectures'); their counts add up. A triple with no
TESTLOGS_DIR is a run of checks outside Bazel (the release checks, which
build with Bazel themselves): its log's "[cases]" line counts, and a log
without one counts as one failure.

A doctest binary counts each of its test cases (from the "[doctest] test
cases:" line of its log), and so does a guest suite (from its "[cases]"
line); any other test target (the shell integration tests, one behaviour
each) counts as one case. A target that did not build
or gave no status counts as one failure, so nothing broken is left out.
Prints "N passed, N failed" as the last line; exits 1 when N failed > 0.
"""
import os
import re
import sys

SUMMARY = re.compile(
    r"^(//\S+)\s+(?:\(cached\) )?(PASSED|FAILED TO BUILD|FAILED|FLAKY|"
    r"TIMEOUT|NO STATUS|INCOMPLETE|REMOTE FAILURE|SKIPPED)\b")
DOCTEST = re.compile(
    r"\[doctest\] test cases:\s*(\d+) \|\s*(\d+) passed \|\s*(\d+) failed"
    r"(?: \|\s*(\d+) skipped)?")
CASES = re.compile(r"^\[cases\] (\d+) passed \| (\d+) failed \| (\d+) skipped$",
                   re.MULTILINE)


def log_path(testlogs, label):
    package, _, name = label[2:].partition(":")
    return os.path.join(testlogs, package, name, "test.log")


def count_script(name, output):
    with open(output, errors="replace") as f:
        cases = CASES.findall(f.read())
    if not cases:
        print(f"no [cases] line in the log of the {name} run")
        return 0, 1, 0
    return tuple(int(x) for x in cases[-1])


def count(name, output, testlogs):
    if not testlogs:
        return count_script(name, output)
    passed = failed = skipped = 0
    seen = set()
    with open(output, errors="replace") as f:
        for line in f:
            m = SUMMARY.match(line.strip())
            if not m or m.group(1) in seen:
                continue
            label, status = m.groups()
            seen.add(label)
            ran = status in ("PASSED", "FAILED", "FLAKY")
            counts = None
            if ran and os.path.exists(log_path(testlogs, label)):
                with open(log_path(testlogs, label), errors="replace") as log:
                    text = log.read()
                found = DOCTEST.findall(text)
                cases = CASES.findall(text)
                if found:
                    total, ok, bad, skip = (int(x or 0) for x in found[-1])
                    counts = (ok, bad, skip)
                elif cases:
                    counts = tuple(int(x) for x in cases[-1])
            if counts is None:
                counts = (1, 0, 0) if status == "PASSED" else (0, 1, 0)
            if status != "PASSED" and counts[1] == 0:
                counts = (counts[0], 1, counts[2])  # crashed after its summary
            passed += counts[0]
            failed += counts[1]
            skipped += counts[2]
            if status != "PASSED":
                print(f"{label} ({name}): {status}")
    if not seen:
        print(f"no test results found in the Bazel output of the {name} run")
        failed += 1
    return passed, failed, skipped


def main():
    passed = failed = skipped = 0
    for run in sys.argv[1:]:
        name, output, testlogs = run.split(":", 2)
        p, f, s = count(name, output, testlogs)
        print(f"{name}: {p} passed, {f} failed" + (f", {s} skipped" if s else ""))
        passed, failed, skipped = passed + p, failed + f, skipped + s
    if skipped:
        print(f"{skipped} skipped (not counted as passed)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
