#!/usr/bin/env python3
"""What a sync costs a real PrestaShop's server (run by hand; figures go in bench/README.md).

Against a real shop (../shared/tools/real-prestashop, grown with its scale.sh), one request at a time:
  1. the packaged service registers the shop (first sync off), runs a first sync, then an unchanged re-sync;
  2. a plain client repeats request patterns and drops the bodies: Airbyte's (display=full, pages of 50),
     our light sweep with and without the price[...] fields, our full reads by id, stock pages, combinations.
For each it reports wall time and the CPU the shop's server spent (Apache/mod_php and MariaDB processes, from
/proc: utime+stime of the live processes plus what the Apache parent collected from children that ended),
per product, and the largest page's wall time (PHP's max_execution_time is 30 s on the recipe's shop).
Requests that other clients sent to the shop during a measurement are counted from its access log.
Then --repeat rounds (5) of: Airbyte's pattern (--airbyte-every N: a sample of its pages on large shops), the
request shapes of our re-sync, and the service's own re-sync requests replayed by shape from the access log
(--replay-first: the first sync's too); the median, min and max per pattern with each round's load average are
printed at the end and kept in the report's "medians".

    bash ../shared/tools/real-prestashop/scale.sh 2000
    python3 bench/real_shop.py --base http://real-ps.test:8089 --key REALPRESTASHOPTESTKEY00000000001
    bash ../shared/tools/real-prestashop/scale.sh reset
"""
import argparse, base64, json, os, sys, tempfile, time, urllib.parse, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (the service launcher and API helpers)

SHOP_PROCESSES = ('apache2', 'mariadbd', 'mysqld', 'php-fpm8.2')
ACCESS_LOG = '/var/log/apache2/real-ps-access.log'
AGENT = 'So.market-bench/1.0'
PRICES = {'price[somarket_final_ti][use_tax]': '1', 'price[somarket_final_ti][decimals]': '6',
          'price[somarket_regular_ti][use_tax]': '1', 'price[somarket_regular_ti][use_reduction]': '0',
          'price[somarket_regular_ti][decimals]': '6'}
LIGHT = 'id,date_upd,active,state,visibility,available_for_order,cache_default_attribute,price,id_tax_rules_group'
LIGHT_IMAGES = LIGHT + ',images[id]'  # the sweep since ADR 0025: picture ids, prices asked apart
COMBINATIONS = 'id,id_product,reference,ean13,default_on,price,product_option_values[id]'


def shop_cpu_s():
    """CPU seconds of the shop's server processes, ended Apache children included (parent's cutime/cstime)."""
    total, tick = 0.0, os.sysconf('SC_CLK_TCK')
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            with open(f'/proc/{pid}/stat') as f:
                head, rest = f.read().rsplit(')', 1)
            comm = head.split('(', 1)[1]
            if comm not in SHOP_PROCESSES:
                continue
            fields = rest.split()
            total += int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
        except (OSError, IndexError, ValueError):
            pass  # a process that ended meanwhile
    return total / tick


def log_lines():
    try:
        with open(ACCESS_LOG, 'rb') as f:
            return sum(1 for _ in f)
    except OSError:
        return 0


def foreign_requests(start_line, own_agents):
    """Requests in the access log since start_line that neither we nor the service sent."""
    try:
        with open(ACCESS_LOG, 'rb') as f:
            lines = f.readlines()[start_line:]
    except OSError:
        return None
    return sum(1 for l in lines if not any(a.encode() in l for a in own_agents))


class Measure:
    """Shop CPU and wall time of a block; `foreign` counts the requests in the access log that `own` agents did not send."""

    def __init__(self, own=(AGENT,)):
        self.own = own

    def __enter__(self):
        self.line, self.cpu, self.wall = log_lines(), shop_cpu_s(), time.time()
        return self

    def __exit__(self, *exc):
        self.wall_s = time.time() - self.wall
        self.cpu_s = shop_cpu_s() - self.cpu
        self.foreign = foreign_requests(self.line, self.own)


def get(base, key, resource, params, headers=None):
    query = urllib.parse.urlencode(params, safe='[],|')
    req = urllib.request.Request(f'{base}/api/{resource}?{query}', headers={
        'Authorization': 'Basic ' + base64.b64encode(f'{key}:'.encode()).decode(), 'User-Agent': AGENT, **(headers or {})})
    started = time.time()
    with urllib.request.urlopen(req, timeout=120) as r:
        body = r.read()
    return body, time.time() - started


def rows(body, element):
    return body.count(f'<{element}>'.encode()) + body.count(f'<{element} '.encode())


def product_ids(base, key):
    """Every product id, in pages: one list of 20,000 rows dies at PHP's memory_limit (~20 KiB per row)."""
    ids, offset = [], 0
    while True:
        body, _ = get(base, key, 'products', {'display': '[id]', 'sort': '[id_ASC]', 'limit': f'{offset},5000'})
        page = [int(chunk.split(']]>')[0]) for chunk in body.decode().split('<id><![CDATA[')[1:]]
        if not page:
            return ids
        ids += page
        offset += 5000


def pattern(name, base, key, resource, element, fixed, page, products, every=1):
    """Pages of `page` rows until an empty one (every `every`th page: a sample, per product of the pages read)."""
    offset, requests, largest, read = 0, 0, 0.0, 0
    with Measure() as m:
        while True:
            body, took = get(base, key, resource, {**fixed, 'limit': f'{offset},{page}'})
            requests += 1
            largest = max(largest, took)
            found = rows(body, element)
            if found == 0:
                break
            read += found
            offset += page * every
    return figures(name, m, requests, products if every == 1 else read, largest)


def loadavg():
    return ' '.join(open('/proc/loadavg').read().split()[:3])


def service_requests(start_line):
    """The request paths (/api/...) the service sent since that access-log line."""
    with open(ACCESS_LOG, 'rb') as f:
        lines = f.readlines()[start_line:]
    paths = []
    for line in lines:
        text = line.decode(errors='replace')
        if 'So.market-sync' in text and '"GET ' in text:
            paths.append(text.split('"GET ', 1)[1].split(' ', 1)[0])
    return paths


def shape(path):
    """A request's shape: resource, display and the names of the other parameters (values of ids left out)."""
    resource, _, query = path[len('/api/'):].partition('?')
    params = urllib.parse.parse_qsl(query, keep_blank_values=True)
    display = next((v for k, v in params if k == 'display'), 'minimal')
    if len(display) > 60:
        display = display[:57] + '...'
    others = sorted({k.split('[')[0] if k.startswith('price[') else k for k, _ in params} - {'display', 'limit'})
    filters = [k for k in others if k.startswith('filter[')]
    rest = [k for k in others if not k.startswith('filter[') and k not in ('sort', 'language', 'date', 'ws_key')]
    return f"{resource.split('/')[0]} display={display}" + (f" {','.join(filters)}" if filters else '') + \
        (f" +{','.join(rest)}" if rest else '')


def by_shape(paths):
    groups = {}
    for path in paths:
        groups.setdefault(shape(path), []).append(path)
    return groups


def replay(name, args, paths, products):
    """The service's own requests of one shape, sent again one at a time (bodies dropped)."""
    largest = 0.0
    with Measure() as m:
        for path in paths:
            resource, _, query = path[len('/api/'):].partition('?')
            _, took = get(args.base, args.key, resource, dict(urllib.parse.parse_qsl(query, keep_blank_values=True)))
            largest = max(largest, took)
    return figures('replay ' + name, m, len(paths), products, largest)


def summary(results):
    """Median per pattern over the rounds, with the load averages of its rounds."""
    import statistics
    by = {}
    for r in results:
        by.setdefault(r['pattern'], []).append(r)
    out = []
    for name, rs in by.items():
        cpu = [r['shop_cpu_ms_per_product'] for r in rs]
        row = {'pattern': name, 'rounds': len(rs), 'requests': rs[0]['requests'],
               'shop_cpu_ms_per_product_median': round(statistics.median(cpu), 3), 'min': min(cpu), 'max': max(cpu),
               'wall_ms_per_product_median': round(statistics.median(r['wall_ms_per_product'] for r in rs), 2),
               'largest_request_s': max(r.get('largest_request_s') or 0 for r in rs),
               'loadavg': [r.get('loadavg') for r in rs]}
        out.append(row)
        print(f"{name:<95} {row['requests']:>4} req  {row['shop_cpu_ms_per_product_median']:>7.3f} ms/product "
              f"(min {row['min']}, max {row['max']}, {len(rs)} rounds)  wall {row['wall_ms_per_product_median']} ms  "
              f"load {' | '.join(str(l) for l in row['loadavg'])}", flush=True)
    return out


def ranges(name, base, key, resource, element, ids, fixed, page, products, field='id_product'):
    """One request per range of `page` product ids (as the sweep pages go), each paged by 2,000 rows."""
    requests, largest = 0, 0.0
    with Measure() as m:
        for i in range(0, len(ids), page):
            chunk, offset = ids[i:i + page], 0
            while True:
                body, took = get(base, key, resource, {**fixed, f'filter[{field}]': f'[{chunk[0]},{chunk[-1]}]',
                                                      'sort': '[id_ASC]', 'limit': f'{offset},2000'})
                requests += 1
                largest = max(largest, took)
                if rows(body, element) < 2000:
                    break
                offset += 2000
    return figures(name, m, requests, products, largest)


def prices_by_id(name, base, key, resource, ids, fixed, batch, products, field):
    """The computed prices of some products, by lists of ids (the periodic re-read, ADR 0025)."""
    requests, largest = 0, 0.0
    with Measure() as m:
        for i in range(0, len(ids), batch):
            chunk = '[' + '|'.join(map(str, ids[i:i + batch])) + ']'
            _, took = get(base, key, resource, {**fixed, f'filter[{field}]': chunk, 'sort': '[id_ASC]', **PRICES})
            requests += 1
            largest = max(largest, took)
    return figures(name, m, requests, products, largest)


def price_inputs(base, key, products):
    requests, largest = 0, 0.0
    with Measure() as m:
        for resource, params in (
                ('specific_prices', {'display': 'full', 'filter[id_cart]': '[0]', 'filter[id_customer]': '[0]',
                                     'sort': '[id_ASC]', 'limit': '0,5000'}),
                ('tax_rules', {'display': '[id,id_tax_rules_group,id_country,id_state,id_tax,behavior]',
                               'filter[id_country]': '[8]'}),
                ('taxes', {'display': '[id,rate,active,deleted]'})):
            offset = 0
            while True:
                body, took = get(base, key, resource, {**params, **({'limit': f'{offset},5000'} if 'limit' in params else {})})
                requests += 1
                largest = max(largest, took)
                if 'limit' not in params or rows(body, 'specific_price') < 5000:
                    break
                offset += 5000
    return figures('price inputs: specific prices, tax rules, taxes', m, requests, products, largest)


def by_id(name, base, key, ids, batch, products):
    requests, largest = 0, 0.0
    with Measure() as m:
        for i in range(0, len(ids), batch):
            chunk = '[' + '|'.join(map(str, ids[i:i + batch])) + ']'
            _, took = get(base, key, 'products', {'display': 'full', 'filter[id]': chunk, 'sort': '[id_ASC]', 'language': '2'})
            requests += 1
            largest = max(largest, took)
    return figures(name, m, requests, products, largest)


def figures(name, m, requests, products, largest=None):
    result = {'pattern': name, 'requests': requests, 'wall_s': round(m.wall_s, 2), 'shop_cpu_s': round(m.cpu_s, 2),
              'shop_cpu_ms_per_product': round(1000 * m.cpu_s / max(products, 1), 2),
              'wall_ms_per_product': round(1000 * m.wall_s / max(products, 1), 2), 'foreign_requests': m.foreign,
              'products': products, 'loadavg': loadavg()}
    if largest is not None:
        result['largest_request_s'] = round(largest, 2)
    print(json.dumps(result), flush=True)
    return result


def last_sync_requests(results):
    """The request count of the service's last "shop N sync OK ...; R requests" log line."""
    count = None
    with open(os.path.join(results, 'service.log'), errors='replace') as log:
        for line in log:
            if ' sync ' in line and ' requests, ' in line:
                count = int(line.split(' requests, ')[0].rsplit(' ', 1)[1])
    return count


def sync_lines(results):
    with open(os.path.join(results, 'service.log'), errors='replace') as log:
        return sum(1 for line in log if ' sync ' in line and ' requests, ' in line)


def service_syncs(args, products):
    results = tempfile.mkdtemp(prefix='real-shop-bench-')
    args.heap, args.jfr, args.service_jvm_arg, args.concurrency, args.db_pool = '512m', False, [], 1, None
    service, port = bench.await_service(*bench.start_service(args, results))
    try:
        shop = bench.api(port, 'POST', '/api/shops', {'url': args.base, 'apiKey': args.key})
        out = []
        for name in ('service first sync', 'service unchanged re-sync', 'service unchanged re-sync, again'):
            before = bench.api(port, 'GET', f'/api/shops/{shop["id"]}').get('lastSyncAt')
            logged = sync_lines(results)
            with Measure(own=(AGENT, 'So.market-sync')) as m:
                bench.api(port, 'POST', f'/api/shops/{shop["id"]}/sync')
                while bench.api(port, 'GET', f'/api/shops/{shop["id"]}').get('lastSyncAt') in (None, before):
                    time.sleep(0.2)
            # its log line comes just after the commit the API shows, and its lease goes just after that: a sync
            # asked before then is skipped as "already running" (the next one waited for ever)
            while sync_lines(results) == logged:
                time.sleep(0.1)
            time.sleep(1)
            view = bench.api(port, 'GET', f'/api/shops/{shop["id"]}')
            counted, sent = last_sync_requests(results), service_requests(m.line)
            result = figures(name, m, counted, products)
            # another client with our user agent (a test or service elsewhere syncing the same shop) shows as more
            # So.market-sync requests in the log than the sync counted: then the figure is not ours alone
            result['foreign_requests'] = (m.foreign or 0) + max(0, len(sent) - (counted or 0))
            result.update({'outcome': view.get('lastSyncOutcome'), 'products_stored': view.get('productCount'),
                           'loadavg': loadavg(), 'requests_sent': sent})
            if result['foreign_requests']:
                print(f"WARNING: {result['foreign_requests']} requests from other clients during '{name}'", flush=True)
            out.append(result)
        return out, results
    finally:
        service.terminate()
        service.wait(60)


def raw_patterns(args, ids, n):
    sample = '' if args.airbyte_every == 1 else f' (every {args.airbyte_every}th page)'
    airbyte = [pattern(f'airbyte: display=full, pages of 50{sample}', args.base, args.key, 'products', 'product',
                       {'display': 'full', 'sort': '[id_ASC]'}, 50, n, args.airbyte_every)]
    return airbyte + (old_patterns(args, ids, n) if args.all_patterns else []) + [
        # the request shapes of an unchanged re-sync since ADR 0025
        pattern('light sweep without prices, with picture ids, pages of 2000', args.base, args.key, 'products', 'product',
                {'display': f'[{LIGHT_IMAGES}]', 'sort': '[id_ASC]'}, 2000, n),
        ranges('combinations by product id range of 2000 products, sorted by id, without prices', args.base, args.key,
               'combinations', 'combination', ids, {'display': f'[{COMBINATIONS}]'}, 2000, n),
        pattern('stock, pages of 5000', args.base, args.key, 'stock_availables', 'stock_available',
                {'display': '[id,id_product,id_product_attribute,quantity,out_of_stock]', 'sort': '[id_ASC]'}, 5000, n),
        price_inputs(args.base, args.key, n),
        prices_by_id('product prices by id for 1/7 of the products (daily re-read), 200 per request', args.base,
                     args.key, 'products', ids[::7], {'display': '[id,somarket_final_ti,somarket_regular_ti]'}, 200, n,
                     'id'),
        prices_by_id('combination prices by product id for 1/7 of the products, 200 per request', args.base, args.key,
                     'combinations', ids[::7], {'display': '[id,id_product,somarket_final_ti,somarket_regular_ti]',
                                                'limit': '0,2000'}, 200, n, 'id_product'),
    ]


def old_patterns(args, ids, n):
    return [
        pattern('light sweep with price[...], pages of 2000', args.base, args.key, 'products', 'product',
                {'display': f'[{LIGHT},somarket_final_ti,somarket_regular_ti]', 'sort': '[id_ASC]', **PRICES}, 2000, n),
        pattern('light sweep without prices, pages of 2000', args.base, args.key, 'products', 'product',
                {'display': f'[{LIGHT}]', 'sort': '[id_ASC]'}, 2000, n),
        by_id(f'full reads by id, {args.full_batch} per request', args.base, args.key, ids, args.full_batch, n),
        pattern('combinations with price[...], pages of 2000', args.base, args.key, 'combinations', 'combination',
                {'display': f'[{COMBINATIONS},somarket_final_ti,somarket_regular_ti]', 'sort': '[id_product_ASC,id_ASC]',
                 **PRICES}, 2000, n),
        pattern('combinations without prices, pages of 2000', args.base, args.key, 'combinations', 'combination',
                {'display': f'[{COMBINATIONS}]', 'sort': '[id_product_ASC,id_ASC]'}, 2000, n),
    ]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--base', default='http://real-ps.test:8089')
    p.add_argument('--key', default='REALPRESTASHOPTESTKEY00000000001')
    p.add_argument('--full-batch', type=int, default=100, help='products per full read by id (somarket.sync.page-size)')
    p.add_argument('--rebuild', action='store_true')
    p.add_argument('--jar', help='the service jar (default: target/, built if missing); it runs with this tree\'s routes/')
    p.add_argument('--skip-service', action='store_true')
    p.add_argument('--repeat', type=int, default=5, help='rounds of the plain-client patterns (interleaved; 0: none)')
    p.add_argument('--replay-first', action='store_true',
                   help="replay the first sync's requests too, by shape, in every round (long on large shops)")
    p.add_argument('--airbyte-every', type=int, default=1,
                   help="Airbyte's pattern reads every Nth of its pages of 50 (1: all; a sample on large shops)")
    p.add_argument('--all-patterns', action='store_true',
                   help='also the shapes main no longer sends (sweep with prices, combinations sorted by product, ...)')
    args = p.parse_args()
    ids = product_ids(args.base, args.key)
    n = len(ids)
    print(json.dumps({'products': n, 'uptime': open('/proc/loadavg').read().strip()}), flush=True)
    report = {'products': n, 'loadavg_before': open('/proc/loadavg').read().strip(), 'patterns': []}
    shapes = {}
    if not args.skip_service:
        synced, _ = service_syncs(args, n)
        report['patterns'] += [{k: v for k, v in r.items() if k != 'requests_sent'} for r in synced]
        for sync in synced:
            kind = 'first' if 'first' in sync['pattern'] else 're-sync'
            if (kind == 'first' and not args.replay_first) or sync['pattern'].endswith('again'):
                continue
            for shape, paths in by_shape(sync['requests_sent']).items():
                shapes[f'{kind}: {shape}'] = paths
    for round_ in range(args.repeat):
        round_results = raw_patterns(args, ids, n)
        round_results += [replay(name, args, paths, n) for name, paths in shapes.items()]
        report['patterns'] += [dict(r, round=round_ + 1) for r in round_results]
    report['loadavg_after'] = open('/proc/loadavg').read().strip()
    report['medians'] = summary(report['patterns'])
    out = os.path.join(bench.ROOT, 'bench', 'results', time.strftime('real-shop-%Y%m%d-%H%M%S') + '.json')
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, 'w') as f:
        json.dump(report, f, indent=1)
    print('report:', out)


if __name__ == '__main__':
    main()
