"""The ceiling: how fast a plain librdkafka consumer (kcat) reads a whole topic from the mock.

    kcat -C -b BOOTSTRAP -t TOPIC -o beginning -e -q -X fetch.wait.max.ms=10 > /dev/null

kcat assigns every partition itself (no consumer group), reads from the beginning, writes each
payload and a newline, and exits once every partition reached its end (-e). Nothing is parsed
or stored: whatever a loader does on top of this is its own cost.

fetch.wait.max.ms=10: the mock answers a Fetch that finds no new data only after the consumer's
fetch.wait.max.ms (librdkafka's default 500 ms), and kcat needs such answers to see the end of
every partition. With the default, kcat takes 1 s on an empty topic, as long as it takes to read
1M CSV rows: the figure would be the wait, not the reading. With 10 ms an empty topic takes
0.06 s. The median of the runs hides the occasional run that is 0.5 s slower.

A first, untimed run checks that kcat saw every message: it prints one line per message
(-f '%p %o\n', partition and offset, since an Avro payload may hold newline bytes) and the lines
are counted. The timed runs print the payloads, as above, to /dev/null; for Avro that is the
Confluent-framed bytes, undecoded (kcat's -s avro would decode them, which no other format gets).
"""
import statistics
import subprocess
import time


class RawConsumeError(Exception):
    pass


def _kcat(bootstrap, topic, output_format=None):
    return ["kcat", "-C", "-b", bootstrap, "-t", topic, "-o", "beginning", "-e", "-q",
            "-X", "fetch.wait.max.ms=10"] + (["-f", output_format] if output_format else [])


def count_messages(bootstrap, topic):
    result = subprocess.run(_kcat(bootstrap, topic, "%p %o\n"), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    if result.returncode != 0:
        raise RawConsumeError("kcat failed (exit %d): %s"
                              % (result.returncode, result.stderr.decode(errors="replace")))
    return result.stdout.count(b"\n")


def measure(bootstrap, topic, expected_rows, runs):
    """Returns {"seconds": median, "runs": [...], "rows_per_s"}; raises RawConsumeError."""
    seen = count_messages(bootstrap, topic)
    if seen != expected_rows:
        raise RawConsumeError("kcat read %d messages from %s, expected %d"
                              % (seen, topic, expected_rows))
    times = []
    for _ in range(runs):
        start = time.monotonic()
        result = subprocess.run(_kcat(bootstrap, topic), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        times.append(time.monotonic() - start)
        if result.returncode != 0:
            raise RawConsumeError("kcat failed (exit %d): %s"
                                  % (result.returncode, result.stderr.decode(errors="replace")))
    median = statistics.median(times)
    return {"seconds": median, "runs": times, "rows_per_s": expected_rows / median}
