"""A small HTTP load generator: threads, one keep-alive connection each, bounded in count and time.

Only loopback targets are accepted: the benchmark and the load test never leave the machine.
"""

import http.client
import ipaddress
import itertools
import json
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field


def ensure_loopback(host):
    """Refuse any target that is not on this machine."""
    for info in socket.getaddrinfo(host, None):
        if not ipaddress.ip_address(info[4][0]).is_loopback:
            raise ValueError(f"{host} is not a loopback address; the benchmark only runs locally")


@dataclass
class Target:
    """What to request: the paths are cycled through, so caches see a realistic spread."""

    name: str
    paths: list
    method: str = "GET"
    headers: dict = field(default_factory=dict)
    body: object = None  # dict (sent as JSON), or a callable(index) returning a dict
    ok_statuses: tuple = (200,)

    def request(self, index):
        path = self.paths[index % len(self.paths)]
        body = self.body(index) if callable(self.body) else self.body
        headers = {"Accept": "application/json", **self.headers}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        return self.method, path, data, headers


@dataclass
class Result:
    name: str
    latencies: list
    elapsed: float
    statuses: Counter
    errors: int
    error_samples: list
    bytes_received: int

    @property
    def count(self):
        return len(self.latencies)

    @property
    def rps(self):
        return self.count / self.elapsed if self.elapsed else 0.0

    def percentile(self, pct):
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
        return ordered[rank]

    @property
    def p50(self):
        return self.percentile(50)

    @property
    def p95(self):
        return self.percentile(95)

    @property
    def p99(self):
        return self.percentile(99)

    def merge(self, other):
        """This result and another turn of the same target, as one."""
        return Result(
            name=self.name,
            latencies=self.latencies + other.latencies,
            elapsed=self.elapsed + other.elapsed,
            statuses=self.statuses + other.statuses,
            errors=self.errors + other.errors,
            error_samples=(self.error_samples + other.error_samples)[:5],
            bytes_received=self.bytes_received + other.bytes_received,
        )

    def as_dict(self):
        return {
            "name": self.name,
            "requests": self.count,
            "errors": self.errors,
            "statuses": dict(self.statuses),
            "elapsed_s": round(self.elapsed, 3),
            "rps": round(self.rps, 1),
            "p50_ms": round(self.p50 * 1000, 2),
            "p95_ms": round(self.p95 * 1000, 2),
            "p99_ms": round(self.p99 * 1000, 2),
            "bytes": self.bytes_received,
        }


class _Worker(threading.Thread):
    def __init__(self, host, port, targets, counter, stop_at, max_requests, timeout):
        super().__init__(daemon=True)
        self.host, self.port = host, port
        self.targets = targets
        self.counter = counter
        self.stop_at = stop_at
        self.max_requests = max_requests
        self.timeout = timeout
        self.latencies = {target.name: [] for target in targets}
        self.statuses = {target.name: Counter() for target in targets}
        self.errors = Counter()
        self.error_samples = {target.name: [] for target in targets}
        self.bytes = Counter()
        self.connection = None

    def _connection(self):
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self.connection

    def _close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def _send(self, method, path, data, headers):
        # A keep-alive connection the server has closed fails on first use: retry once on a
        # fresh one, which is what any HTTP client does.
        for attempt in range(2):
            conn = self._connection()
            try:
                conn.request(method, path, body=data, headers=headers)
                response = conn.getresponse()
                payload = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self._close()
                if attempt:
                    raise
                continue
            if response.will_close:
                self._close()
            return response.status, payload
        raise AssertionError("unreachable")

    def run(self):
        while time.monotonic() < self.stop_at:
            index = next(self.counter)
            if self.max_requests is not None and index >= self.max_requests:
                break
            target = self.targets[index % len(self.targets)]
            method, path, data, headers = target.request(index // len(self.targets))
            started = time.perf_counter()
            try:
                status, payload = self._send(method, path, data, headers)
            except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
                self._close()
                self.errors[target.name] += 1
                if len(self.error_samples[target.name]) < 5:
                    self.error_samples[target.name].append(f"{method} {path}: {exc!r}")
                continue
            elapsed = time.perf_counter() - started
            self.statuses[target.name][status] += 1
            self.bytes[target.name] += len(payload)
            if status not in target.ok_statuses:
                self.errors[target.name] += 1
                if len(self.error_samples[target.name]) < 5:
                    sample = payload[:200].decode("utf-8", "replace")
                    self.error_samples[target.name].append(f"{method} {path}: {status} {sample}")
                continue
            self.latencies[target.name].append(elapsed)
        self._close()


def run(host, port, targets, *, concurrency, max_requests=None, max_seconds=10.0, timeout=30):
    """Send requests to the targets, round-robin, from `concurrency` threads.

    Stops after max_requests in all or max_seconds, whichever comes first. Returns one
    Result per target.
    """
    ensure_loopback(host)
    if isinstance(targets, Target):
        targets = [targets]
    counter = itertools.count()
    started = time.monotonic()
    workers = [
        _Worker(host, port, targets, counter, started + max_seconds, max_requests, timeout)
        for _ in range(concurrency)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - started
    results = []
    for target in targets:
        samples = [s for worker in workers for s in worker.error_samples[target.name]]
        results.append(
            Result(
                name=target.name,
                latencies=[x for worker in workers for x in worker.latencies[target.name]],
                elapsed=elapsed,
                statuses=sum((worker.statuses[target.name] for worker in workers), Counter()),
                errors=sum(worker.errors[target.name] for worker in workers),
                error_samples=samples[:5],
                bytes_received=sum(worker.bytes[target.name] for worker in workers),
            )
        )
    return results


def fetch_json(host, port, method, path, body=None, headers=None, timeout=30):
    """One request, for setting up (a token, a list of ids). Returns (status, parsed body)."""
    ensure_loopback(host)
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        data = json.dumps(body).encode() if body is not None else None
        all_headers = {"Accept": "application/json", **(headers or {})}
        if data is not None:
            all_headers["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=all_headers)
        response = conn.getresponse()
        payload = response.read()
    finally:
        conn.close()
    try:
        return response.status, json.loads(payload or b"null")
    except ValueError:
        return response.status, payload.decode("utf-8", "replace")
