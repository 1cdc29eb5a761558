#!/usr/bin/env python3
"""So.market shop sync soak (run by hand; not part of mvn verify; figures in bench/README.md).

A month of 12-hour runs compressed: a run every --interval seconds (POST /api/sync-runs) for --runs runs over
--shops simulated shops of 20-200 products, with random faults planned before each run from the simulator's
switches (cuts, 5xx with and without Retry-After, trickles, oversized pages, endless bodies, hangs, keys revoked
and restored) and products added, changed and deleted between runs. Every minute it samples the service's heap
after a full GC (jcmd GC.run, then jcmd GC.heap_info), its threads (/proc), file descriptors (/proc/PID/fd),
its TCP connections to the simulator (ss) and the load average. After each run it checks that nothing stored was
lost: a shop synced OK holds exactly what the simulator serves (read back from the simulator's webservice with
the faults off); a shop that failed holds what it held before. Results: bench/soak/samples.csv, runs.csv,
checks.jsonl (flushed as they come); bench/soak_plot.py draws bench/soak/soak.svg/.png from them.

    python3 bench/soak.py --shops 300 --runs 60 --interval 120 --seed 17
"""
import argparse, base64, decimal, concurrent.futures, csv, json, os, random, re, subprocess, sys, threading, time
import urllib.parse, urllib.request
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (start_service, api, ...)

ROOT = bench.ROOT
OUT = os.path.join(ROOT, 'bench', 'soak')

# (weight, name, command template): planned on one shop for the next run; {p} is a path prefix
FAULTS = [
    (3, 'cut', 'cut {s} /api/products 1'),
    (2, 'cutxml', 'cutxml {s} /api/products 1'),
    (3, '503-retry-after', 'fail {s} 2 503 1'),
    (2, '500', 'fail {s} 2 500 -'),
    (2, '503-persistent', 'fail {s} 40 503 -'),
    (2, 'xml503-retry-after', 'xml503 {s} /api/stock_availables 1 1'),
    (2, 'trickle', 'trickle {s} /api/stock_availables 300'),
    (2, 'oversized', 'oversized {s} /api/products 6000000 1 1'),
    (2, 'oversized-chunked', 'oversized {s} /api/combinations 6000000 0 1'),
    (1, 'endless', 'endless {s} /api/products 1'),
    (2, 'hang', 'hang {s} /api/products 40'),
    (3, 'key-revoked', 'revoke {s} 1'),
]


class Sim:
    """The simulator process and its control surface (SoakControl: a command a line on stdin)."""

    def __init__(self, cp):
        self.proc = subprocess.Popen(['java', '-Xmx1g', '-cp', cp, 'market.so.sync.prestashop.sim.SimulatorMain',
                                      '--shops', '0', '--control', 'true'], cwd=ROOT, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, bufsize=1)
        self.lock = threading.Lock()

    def cmd(self, line):
        with self.lock:
            self.proc.stdin.write(line + '\n')
            self.proc.stdin.flush()
            answer = self.proc.stdout.readline().strip()
        if not answer.startswith('ok'):
            raise RuntimeError(f'simulator: {line} -> {answer}')
        return answer[3:]


def ws_get(url, key, resource, query):
    auth = 'Basic ' + base64.b64encode((key + ':').encode()).decode()
    req = urllib.request.Request(f'{url}/api/{resource}?{query}', headers={'Authorization': auth})
    with urllib.request.urlopen(req, timeout=60) as r:
        return ET.fromstring(r.read())


def text(el, path):
    found = el.find(path)
    return None if found is None else (found.text or '')


def cents(value):
    """A price to the cent, half up as the service rounds (a float's round() takes 485.775 down)."""
    return float(decimal.Decimal(value).quantize(decimal.Decimal('0.01'), decimal.ROUND_HALF_UP))


def expected_catalogue(url, key):
    """What the simulator serves now (faults off): id -> (name, price tax incl., quantity, active, variants)."""
    q = lambda **p: '&'.join(urllib.parse.quote(k, safe='[]') + '=' + urllib.parse.quote(v, safe='[]') for k, v in p.items())
    products = ws_get(url, key, 'products', q(display='[id,name,active,somarket_final_ti]', limit='0,100000',
                                              **{'price[somarket_final_ti][use_tax]': '1',
                                                 'price[somarket_final_ti][decimals]': '6'}))
    stock = ws_get(url, key, 'stock_availables', q(display='[id_product,id_product_attribute,quantity]', limit='0,1000000'))
    combos = ws_get(url, key, 'combinations', q(display='[id,id_product]', limit='0,1000000'))
    quantity = {int(text(s, 'id_product')): int(text(s, 'quantity')) for s in stock.iter('stock_available')
                if text(s, 'id_product_attribute') == '0'}
    variants = {}
    for c in combos.iter('combination'):
        variants[int(text(c, 'id_product'))] = variants.get(int(text(c, 'id_product')), 0) + 1
    out = {}
    for p in products.iter('product'):
        pid = int(text(p, 'id'))
        names = sorted({(l.text or '') for l in p.find('name')}) if p.find('name') is not None else []
        out[pid] = {'names': names, 'price': cents(text(p, 'somarket_final_ti')),
                    'quantity': quantity.get(pid), 'active': text(p, 'active') == '1', 'variants': variants.get(pid, 0)}
    return out


def stored_catalogue(port, shop_id):
    """Every stored product of the shop, all pages: id -> (name, price, quantity, active, variants)."""
    out, page = {}, 0
    while True:
        body = bench.api(port, 'GET', f'/api/shops/{shop_id}/products?page={page}&size=200')
        for p in body['items']:
            out[p['shopProductId']] = {'name': p['name'], 'price': None if p['price'] is None else cents(str(p['price'])),
                                       'quantity': p['quantity'], 'active': p['active'], 'variants': p['variantCount'],
                                       'deactivated': p['deactivatedAt'] is not None}
        page += 1
        if page * 200 >= body['total'] or not body['items']:
            return out


def compare(expected, stored):
    """Differences between what the simulator serves and what is stored (a list of short strings, empty if equal)."""
    diffs = []
    for pid, e in expected.items():
        s = stored.get(pid)
        if s is None:
            diffs.append(f'{pid}: missing')
            continue
        if s['name'] not in e['names']:
            diffs.append(f'{pid}: name {s["name"]!r} not in {e["names"]}')
        if s['price'] != e['price']:
            diffs.append(f'{pid}: price {s["price"]} != {e["price"]}')
        if s['quantity'] != e['quantity']:
            diffs.append(f'{pid}: quantity {s["quantity"]} != {e["quantity"]}')
        if s['active'] != e['active']:
            diffs.append(f'{pid}: active {s["active"]} != {e["active"]}')
        if s['variants'] != e['variants']:
            diffs.append(f'{pid}: variants {s["variants"]} != {e["variants"]}')
    for pid, s in stored.items():
        if pid not in expected and s['active'] and not s['deactivated']:
            diffs.append(f'{pid}: deleted in the shop, still active here')
    return diffs


class Writer:
    """A CSV file appended row by row and flushed at once."""

    def __init__(self, name, fields):
        path = os.path.join(OUT, name)
        self.f = open(path, 'a', newline='')
        self.w = csv.DictWriter(self.f, fields)
        if self.f.tell() == 0:
            self.w.writeheader()
        self.lock = threading.Lock()

    def row(self, row):
        with self.lock:
            self.w.writerow(row)
            self.f.flush()


SAMPLE_FIELDS = ['time', 'minute', 'heap_used_after_gc_mb', 'heap_committed_mb', 'threads', 'jvm_threads_live', 'fds',
                 'conns_to_shops', 'conns_to_shops_all_states', 'rss_mb', 'sim_threads', 'load1', 'load5', 'load15',
                 'run_going']
RUN_FIELDS = ['run', 'run_id', 'started', 'wall_s', 'status', 'shops_ok', 'shops_failed', 'errors', 'faults_planned',
              'edits', 'checked_ok', 'ok_equal', 'ok_differ', 'failed_kept', 'failed_changed', 'left_running', 'load1']


def heap_after_gc(pid):
    subprocess.run(['jcmd', str(pid), 'GC.run'], capture_output=True, timeout=120)
    info = subprocess.run(['jcmd', str(pid), 'GC.heap_info'], capture_output=True, text=True, timeout=120).stdout
    m = re.search(r'total (\d+)K, used (\d+)K', info)
    return (round(int(m.group(2)) / 1024, 1), round(int(m.group(1)) / 1024, 1)) if m else ('', '')


def connections(sim_port):
    out = subprocess.run(['ss', '-Htn', 'state', 'all', f'( dport = :{sim_port} )'], capture_output=True, text=True).stdout
    lines = [l for l in out.splitlines() if l.strip()]
    return sum(1 for l in lines if l.startswith('ESTAB')), sum(1 for l in lines if not l.startswith('TIME-WAIT'))


def sampler(stop, pid, sim, sim_port, port, samples, started, state):
    while not stop.is_set():
        t = time.time()
        try:
            heap, committed = heap_after_gc(pid)
            try:
                live = int(bench.api(port, 'GET', '/actuator/metrics/jvm.threads.live')['measurements'][0]['value'])
            except Exception:
                live = ''
            est, allc = connections(sim_port)
            load = os.getloadavg()
            samples.row({'time': time.strftime('%H:%M:%S', time.gmtime(t)), 'minute': round((t - started) / 60, 1),
                         'heap_used_after_gc_mb': heap, 'heap_committed_mb': committed,
                         'threads': bench.rss_kb(pid, 'Threads:'), 'jvm_threads_live': live,
                         'fds': len(os.listdir(f'/proc/{pid}/fd')), 'conns_to_shops': est,
                         'conns_to_shops_all_states': allc, 'rss_mb': round(bench.rss_kb(pid, 'VmRSS') / 1024),
                         'sim_threads': bench.rss_kb(sim.proc.pid, 'Threads:'), 'load1': round(load[0], 2),
                         'load5': round(load[1], 2), 'load15': round(load[2], 2), 'run_going': int(state['running'])})
        except Exception as e:  # a sample missed is reported, never fatal
            print('sample failed:', e, file=sys.stderr)
        stop.wait(max(1, 60 - (time.time() - t)))


def plan_faults(rng, shops, rate):
    planned = {}
    names = [f[1] for f in FAULTS]
    weights = [f[0] for f in FAULTS]
    for name in shops:
        if rng.random() < rate:
            kind = rng.choices(names, weights)[0]
            planned[name] = kind
    return planned


def edit_catalogues(rng, sim, shops, rate):
    """Products added, changed and deleted (and some restored) in a share of the shops; returns the count."""
    edits = 0
    for name, s in shops.items():
        if rng.random() >= rate:
            continue
        for _ in range(rng.randint(1, 4)):
            live = sorted(s['ids'] - s['removed'])
            op = rng.choice(['add', 'remove', 'restore', 'price', 'stock', 'active', 'name', 'price', 'stock'])
            pid = rng.choice(live)
            if op == 'add':
                s['ids'].add(int(sim.cmd(f'add {name}')))
            elif op == 'remove' and len(live) > 5:
                sim.cmd(f'remove {name} {pid}')
                s['removed'].add(pid)
            elif op == 'restore' and s['removed']:
                back = rng.choice(sorted(s['removed']))
                sim.cmd(f'restore {name} {back}')
                s['removed'].discard(back)
            elif op == 'price':
                sim.cmd(f'price {name} {pid} {rng.randint(1, 500)}.{rng.randint(0, 99):02d}')
            elif op == 'stock':
                sim.cmd(f'stock {name} {pid} {rng.randint(0, 80)}')
            elif op == 'active':
                sim.cmd(f'active {name} {pid} {rng.choice("01")}')
            elif op == 'name':
                sim.cmd(f'name {name} {pid} Soak {name} {pid} v{rng.randint(1, 10 ** 6)}')
            else:
                continue
            edits += 1
    return edits


def await_run(port, last_id, deadline):
    while time.time() < deadline:
        runs = bench.api(port, 'GET', '/api/sync-runs?limit=1')
        if runs and runs[0]['id'] > last_id and runs[0]['finishedAt']:
            return bench.api(port, 'GET', f'/api/sync-runs/{runs[0]["id"]}')
        time.sleep(2)
    return None


def outcome_map(run):
    """shop id -> (ok?, error class) from the run's per-shop outcomes."""
    out = {}
    for o in run['shops']:
        out[o['shopId']] = (o['result'] == 'OK', o['errorClass'] or o['result'])
    return out


def check_shop(port, shop, shop_id, ok, last_good):
    stored = stored_catalogue(port, shop_id)
    if ok:
        diffs = compare(expected_catalogue(shop['url'], shop['key']), stored)
        verdict = 'ok_equal' if not diffs else 'ok_differ'
    else:
        before = last_good.get(shop_id, {})  # never synced OK: nothing stored
        diffs = [] if stored == before else \
            [f'{k}: {before.get(k)} -> {stored.get(k)}' for k in sorted(set(before) | set(stored)) if before.get(k) != stored.get(k)]
        verdict = 'failed_kept' if not diffs else 'failed_changed'
    return verdict, diffs, stored


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--shops', type=int, default=300)
    p.add_argument('--runs', type=int, default=60)
    p.add_argument('--interval', type=int, default=120)
    p.add_argument('--seed', type=int, default=17)
    p.add_argument('--fault-rate', type=float, default=0.2, help='share of the shops given a fault for each run')
    p.add_argument('--edit-rate', type=float, default=0.3, help='share of the shops whose catalogue changes between runs')
    p.add_argument('--concurrency', type=int, default=16)
    p.add_argument('--heap', default='512m')
    p.add_argument('--deadline', help='no run starts after this UTC time (YYYY-MM-DDTHH:MM): the session ends')
    p.add_argument('--jar')
    p.add_argument('--rebuild', action='store_true')
    args = p.parse_args()
    args.jfr, args.service_jvm_arg, args.db_pool = False, [], None
    os.makedirs(OUT, exist_ok=True)
    work = os.path.join(OUT, 'work')
    os.makedirs(work, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith(('.csv', '.jsonl')):
            os.remove(os.path.join(OUT, f))
    rng = random.Random(args.seed)
    cp = bench.test_classpath()
    sim = Sim(cp)
    shops = {}
    for i in range(1, args.shops + 1):
        n = rng.randint(20, 200)
        url, key = sim.cmd(f'shop s{i} {n}').split()
        shops[f's{i}'] = {'url': url, 'key': key, 'ids': set(range(1, n + 1)), 'removed': set()}
    sim_port = int(urllib.parse.urlparse(shops['s1']['url']).port)
    # timeouts compressed with the schedule: a hang or a trickle ends within the 2-minute slot
    args.service_jvm_arg = []
    extra = ['--somarket.sync.read-timeout=8s', '--somarket.sync.connect-timeout=5s',
             '--somarket.sync.request-time-limit=20s', '--somarket.sync.max-retry-delay=5s',
             '--somarket.sync.max-response-size=4MB', '--somarket.sync.shop-time-limit=90s']
    orig = bench.subprocess.Popen

    def popen(cmd, **kw):  # the service's command line with the soak's settings added
        return orig(cmd + extra if '-jar' in cmd else cmd, **kw)
    bench.subprocess.Popen = popen
    service, port, log = bench.start_service(args, work)
    bench.subprocess.Popen = orig
    bench.await_service(service, port, log)
    names = list(shops)
    ids = bench.register(port, [(shops[n]['url'], shops[n]['key']) for n in names])
    for n, sid in zip(names, ids):
        shops[n]['id'] = sid
    by_id = {shops[n]['id']: n for n in names}
    with open(os.path.join(OUT, 'setup.json'), 'w') as f:
        json.dump({'args': vars(args), 'service_settings': extra, 'products': sum(len(s['ids']) for s in shops.values()),
                   'started': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()), 'service_pid': service.pid}, f, indent=2)
    samples = Writer('samples.csv', SAMPLE_FIELDS)
    runs_csv = Writer('runs.csv', RUN_FIELDS)
    checks = open(os.path.join(OUT, 'checks.jsonl'), 'a')
    started = time.time()
    state = {'running': False}
    stop = threading.Event()
    threading.Thread(target=sampler, args=(stop, service.pid, sim, sim_port, port, samples, started, state),
                     daemon=True).start()
    last_good, last_id, planned = {}, 0, {}
    deadline = time.mktime(time.strptime(args.deadline, '%Y-%m-%dT%H:%M')) - time.timezone if args.deadline else None
    slot = time.time()
    try:
        for r in range(1, args.runs + 1):
            # every --interval from the previous start; a run that overran is followed at once, not by a burst
            time.sleep(max(0, slot - time.time()))
            if deadline and time.time() > deadline:
                print(f'deadline {args.deadline} UTC reached before run {r}', flush=True)
                break
            t0 = time.time()
            slot = t0 + args.interval
            state['running'] = True
            bench.api(port, 'POST', '/api/sync-runs')
            detail = await_run(port, last_id, t0 + 30 * 60)
            run = detail and dict(detail['run'], shops=detail['shops'])
            state['running'] = False
            wall = time.time() - t0
            if run is None:
                runs_csv.row({'run': r, 'status': 'NOT FINISHED in 30 min'})
                break
            last_id = run['id']
            for n in planned:
                sim.cmd(f'clear {n}')
            outcomes = outcome_map(run)
            errors = {}
            for ok, err in outcomes.values():
                if not ok:
                    errors[err] = errors.get(err, 0) + 1
            tally = {'ok_equal': 0, 'ok_differ': 0, 'failed_kept': 0, 'failed_changed': 0}
            details = []

            def one(n):
                sid = shops[n]['id']
                ok = outcomes.get(sid, (False, 'NO OUTCOME'))[0]
                return n, sid, ok, check_shop(port, shops[n], sid, ok, last_good)
            with concurrent.futures.ThreadPoolExecutor(4) as pool:
                for n, sid, ok, (verdict, diffs, stored) in pool.map(one, names):
                    tally[verdict] += 1
                    if ok:
                        last_good[sid] = stored
                    if diffs:
                        details.append({'shop': n, 'id': sid, 'verdict': verdict, 'fault': planned.get(n),
                                        'outcome': outcomes.get(sid), 'diffs': diffs[:10], 'diff_count': len(diffs)})
            running = [x for x in bench.api(port, 'GET', '/api/sync-runs?limit=5') if not x.get('finishedAt')]
            faults_this = dict(planned)
            edits = edit_catalogues(rng, sim, shops, args.edit_rate)
            planned = plan_faults(rng, names, args.fault_rate)
            for n, kind in planned.items():
                sim.cmd(next(f[2] for f in FAULTS if f[1] == kind).format(s=n))
            runs_csv.row({'run': r, 'run_id': run['id'], 'started': time.strftime('%H:%M:%S', time.gmtime(t0)),
                          'wall_s': round(wall, 1), 'status': run.get('status'), 'shops_ok': run.get('shopsOk'),
                          'shops_failed': run.get('shopsFailed'), 'errors': json.dumps(errors, sort_keys=True),
                          'faults_planned': len(faults_this), 'edits': edits, 'checked_ok': sum(o[0] for o in outcomes.values()),
                          **tally, 'left_running': len(running), 'load1': round(os.getloadavg()[0], 2)})
            checks.write(json.dumps({'run': r, 'run_id': run['id'], 'faults': faults_this, 'details': details,
                                     'failed': [{'shop': by_id[o['shopId']], 'fault': faults_this.get(by_id[o['shopId']]),
                                                 'result': o['result'], 'errorClass': o['errorClass'],
                                                 'errorDetail': o['errorDetail']} for o in run['shops'] if o['result'] != 'OK']})
                         + '\n')
            checks.flush()
            print(f'run {r}: {wall:.0f}s {run.get("status")} ok={run.get("shopsOk")} failed={run.get("shopsFailed")} '
                  f'{tally} errors={errors}', flush=True)
        time.sleep(65)  # one more sample after the last run
    finally:
        stop.set()
        service.terminate()
        try:
            service.wait(120)
        except subprocess.TimeoutExpired:
            service.kill()
        sim.proc.terminate()
        sim.proc.wait(60)


if __name__ == '__main__':
    main()
