#!/usr/bin/env python3
"""Draws bench/soak/soak.png from bench/soak/samples.csv and runs.csv (gnuplot: apt-get install gnuplot-nox) and
prints the figures bench/README.md quotes: first/last/max of each sampled counter, a least-squares slope per hour
over the second half of the soak (after warm-up), and the per-run check totals.

    python3 bench/soak_plot.py
"""
import csv, json, os, re, subprocess, sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'soak')
COUNTERS = ['heap_used_after_gc_mb', 'threads', 'fds', 'conns_to_shops_all_states', 'rss_mb', 'load1']


def rows(name):
    with open(os.path.join(OUT, name)) as f:
        return list(csv.DictReader(f))


def slope_per_hour(xs, ys):
    n = len(xs)
    if n < 3:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    var = sum((x - mx) ** 2 for x in xs)
    return None if var == 0 else round(sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var * 60, 2)


def median(values):
    values = sorted(values)
    return values[len(values) // 2] if values else None


def figures(samples, runs):
    out = {'samples': len(samples), 'minutes': float(samples[-1]['minute']) if samples else 0}
    for c in COUNTERS:
        pts = [(float(s['minute']), float(s[c])) for s in samples if s.get(c) not in ('', None)]
        if not pts:
            continue
        half = [p for p in pts if p[0] >= pts[-1][0] / 2]
        quiet = [p for p, s in zip(pts, samples) if s.get('run_going') == '0']
        out[c] = {'first': pts[0][1], 'last': pts[-1][1], 'min': min(y for _, y in pts), 'max': max(y for _, y in pts),
                  'slope_per_hour_2nd_half': slope_per_hour([x for x, _ in half], [y for _, y in half]),
                  'between_runs_first_last': [quiet[0][1], quiet[-1][1]] if quiet else None,
                  'between_runs_slope_per_hour': slope_per_hour([x for x, _ in quiet], [y for _, y in quiet]),
                  'median_first_quarter': median([y for x, y in pts if x <= pts[-1][0] / 4]),
                  'median_last_quarter': median([y for x, y in pts if x >= pts[-1][0] * 3 / 4])}
    done = [r for r in runs if r.get('run_id')]
    totals = {k: sum(int(r[k] or 0) for r in done) for k in ('ok_equal', 'ok_differ', 'failed_kept', 'failed_changed',
                                                              'left_running', 'faults_planned', 'edits')}
    errors = {}
    for r in done:
        for k, v in json.loads(r['errors'] or '{}').items():
            errors[k] = errors.get(k, 0) + v
    walls = sorted(float(r['wall_s']) for r in done)
    # shops a run left out: after 3 failures in a row a shop is retried on the slower schedule (12 h, 24 h...)
    shops = json.load(open(os.path.join(OUT, 'setup.json')))['args']['shops']
    left_out = [shops - int(r['shops_ok']) - int(r['shops_failed']) for r in done]
    out['runs'] = {'completed': len(done), **totals, 'errors': errors, 'shops_left_out_per_run': left_out,
                   'wall_s_median': walls[len(walls) // 2] if walls else None, 'wall_s_max': walls[-1] if walls else None}
    return out


def run_minutes(samples, runs):
    """runs.dat: each run's start minute (on the samples' clock), wall time and shops failed, for gnuplot."""
    def seconds(hms):
        h, m, s = (int(x) for x in hms.split(':'))
        return h * 3600 + m * 60 + s
    zero = seconds(samples[0]['time']) - float(samples[0]['minute']) * 60
    with open(os.path.join(OUT, 'runs.dat'), 'w') as f:
        f.write('minute wall_s shops_failed shops_wrong\n')
        for r in runs:
            if r.get('run_id'):
                start = (seconds(r['started']) - zero) % 86400 / 60
                f.write(f"{start:.2f} {r['wall_s']} {r['shops_failed']} {int(r['ok_differ']) + int(r['failed_changed'])}\n")


def classify(checks_path):
    """Every difference found by the checks, by cause: the phantom rows of a cut page (the bug fixed with the
    soak), the harness's own float rounding (fixed in soak.py after the 2-hour run had started: it rounded the
    simulator's 485.775000 with float round(), to 485.77, where the service rounds half up, 485.78; only
    products with the 15 % reduction, id % 7 == 0, can end in a half cent), and anything else, listed whole."""
    classes, unexplained, phantom = {}, [], []
    for line in open(checks_path):
        check = json.loads(line)
        for d in check['details']:
            for diff in d['diffs']:
                pid, what = diff.split(': ', 1)
                m = re.match(r'price ([\d.]+) != ([\d.]+)$', what)
                if d['verdict'] == 'ok_differ' and what == 'deleted in the shop, still active here' \
                        and d['fault'] in ('cutxml', 'cut'):
                    kind = 'phantom rows of a cut page kept a deleted product listed'
                    phantom.append({'run': check['run'], 'shop': d['shop'], 'product': int(pid), 'fault': d['fault']})
                elif m and abs(float(m.group(1)) - float(m.group(2))) < 0.011 and int(pid) % 7 == 0:
                    kind = 'harness rounding of a half cent (not the service)'
                else:
                    kind = 'unexplained'
                    unexplained.append({'run': check['run'], **{k: d[k] for k in ('shop', 'verdict', 'fault', 'outcome')},
                                        'diff': diff})
                classes[kind] = classes.get(kind, 0) + 1
    return {'differences_by_cause': classes, 'phantom': phantom, 'unexplained': unexplained}


def plot():
    script = f"""
set terminal pngcairo size 1200,1100 font ',10'
set output '{OUT}/soak.png'
set datafile separator ','
set key autotitle columnhead
set multiplot layout 4,1 title 'So.market shop sync soak: 300 shops, a run every 2 min, faults and edits (bench/soak.py)'
set xlabel 'minutes'
set ylabel 'MB'
set yrange [0:*]
plot '{OUT}/samples.csv' using 2:3 with linespoints title 'heap used after full GC', \\
     '' using 2:10 with lines title 'RSS'
set ylabel 'count'
plot '{OUT}/samples.csv' using 2:5 with linespoints title 'threads', \\
     '' using 2:7 with linespoints title 'file descriptors', \\
     '' using 2:9 with linespoints title 'TCP connections to the shops (not TIME-WAIT)'
set ylabel 'per run'
set datafile separator whitespace
plot '{OUT}/runs.dat' using 1:2 with linespoints title 'run wall time (s)', \\
     '' using 1:3 with impulses lw 3 title 'shops failed (faults planned)', \\
     '' using 1:4 with points pt 7 ps 1.5 title 'shops whose stored catalogue was wrong'
set datafile separator ','
set ylabel 'load'
plot '{OUT}/samples.csv' using 2:12 with lines title 'load average (1 min; 2 cores, shared with other builds)'
unset multiplot
"""
    subprocess.run(['gnuplot'], input=script, text=True, check=True)


def markdown(result):
    """The table bench/README.md quotes."""
    names = {'heap_used_after_gc_mb': 'heap used after a full GC (MB)', 'threads': 'threads',
             'fds': 'file descriptors', 'conns_to_shops_all_states': 'TCP connections to the shops',
             'rss_mb': 'RSS (MB)', 'load1': 'load average (1 min)'}
    lines = ['| sampled every minute | first | median, first quarter | median, last quarter | max | last '
             '| slope / hour between runs |', '|---|---|---|---|---|---|---|']
    for key, label in names.items():
        c = result.get(key)
        if c:
            lines.append(f"| {label} | {c['first']} | {c['median_first_quarter']} | {c['median_last_quarter']} "
                         f"| {c['max']} | {c['last']} | {c['between_runs_slope_per_hour']} |")
    return '\n'.join(lines)


def main():
    samples, runs = rows('samples.csv'), rows('runs.csv')
    result = figures(samples, runs)
    result.update(classify(os.path.join(OUT, 'checks.jsonl')))
    with open(os.path.join(OUT, 'figures.json'), 'w') as f:
        json.dump(result, f, indent=2)
    print(markdown(result) if '--markdown' in sys.argv else json.dumps(result, indent=2))
    if '--no-plot' not in sys.argv:
        run_minutes(samples, runs)
        plot()


if __name__ == '__main__':
    main()
