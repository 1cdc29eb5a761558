#!/usr/bin/env python3
"""While the soak's service still runs: each planned fault's outcomes over all runs, from the runs' own per-shop
records (GET /api/sync-runs/{id}), so that a shop the run left out is told apart from one synced OK. Writes
bench/soak/outcomes_by_fault.json.   python3 bench/soak_outcomes.py PORT"""
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'soak')
port = int(sys.argv[1])
names = {s['id']: s['url'].rsplit('/', 1)[1] for s in bench.api(port, 'GET', '/api/shops')}
table = {}
for line in open(os.path.join(OUT, 'checks.jsonl')):
    check = json.loads(line)
    detail = bench.api(port, 'GET', f"/api/sync-runs/{check['run_id']}")
    outcome = {names[o['shopId']]: (o['errorClass'] or o['result']) for o in detail['shops']}
    for shop, kind in check['faults'].items():
        row = table.setdefault(kind, {})
        result = outcome.get(shop, 'left out (backed off)')
        row[result] = row.get(result, 0) + 1
with open(os.path.join(OUT, 'outcomes_by_fault.json'), 'w') as f:
    json.dump(dict(sorted(table.items())), f, indent=1)
for kind, row in sorted(table.items()):
    print(f"| `{kind}` | " + ', '.join(f'{k} {v}' for k, v in sorted(row.items(), key=lambda kv: -kv[1])) + ' |')
