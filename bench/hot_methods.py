#!/usr/bin/env python3
"""Hot-method table of an async-profiler collapsed-stack file (bench.py --profile writes full.collapsed):
the share of samples per kind of work (first matching pattern wins) and the methods with the most self time.

    python3 bench/hot_methods.py bench/results/<time>/full.collapsed [top-N]
"""
import sys, collections, re
path = sys.argv[1]
top_n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
cats = [
  ('JIT compilers', r'CompileBroker|C2Compiler|Compilation::|C1_|PhaseChaitin|PhaseIdealLoop'),
  ('GC', r'G1|GCTaskThread|ConcurrentGCThread|WorkerThread::run|ParallelCleaning'),
  ('XML parsing (Woodstox + char filter + XmlNode)', r'com/ctc/wstx|SafeXmlReader|XmlCharFilter|xml/XmlNode\.<init>|XmlNode\.appendText|XmlNode\.add'),
  ('H2', r'org/h2/'),
  ('jsoup (description text)', r'org/jsoup'),
  ('SHA-256 hashes', r'MessageDigest|sun/security/provider/SHA|DigestBase'),
  ('JSON of lists (Jackson)', r'ObjectMapper\.writeValueAsString'),
  ('HTTP client', r'org/apache/hc/'),
  ('Tomcat / actuator (harness polling)', r'org/apache/catalina|org/apache/coyote|org/apache/tomcat'),
  ('mapping (ProductMapper, ProductStates, Light*)', r'ProductMapper|ProductStates|LightProduct|LightCombination|ProductImages\.urls'),
  ('Spring JDBC / Hikari', r'springframework/jdbc|com/zaxxer'),
  ('Camel', r'org/apache/camel'),
]
total = 0; cat = collections.Counter(); selfc = collections.Counter()
sync = 0
for line in open(path):
    line = line.rstrip('\n')
    if not line: continue
    stack, n = line.rsplit(' ', 1); n = int(n); total += n
    frames = stack.split(';')
    selfc[frames[-1]] += n
    for name, rx in cats:
        if re.search(rx, stack):
            cat[name] += n; break
    else:
        cat['other'] += n
    if 'ShopSyncs' in stack or 'LightSweep' in stack or 'CatalogReader' in stack or 'FullFetch' in stack:
        sync += n
print(f'total samples {total} (itimer: one per kernel tick of process CPU, ~4 ms here), '
      f'stacks within a shop sync {sync} ({100*sync/total:.0f} %)')
print('| where (first match, top of list wins) | samples | share |')
print('|---|---|---|')
for name, c in cat.most_common():
    print(f'| {name} | {c} | {100*c/total:.1f} % |')
print()
print('| self time: method | samples | share |')
print('|---|---|---|')
for f, c in selfc.most_common(top_n):
    print(f'| `{f[:110]}` | {c} | {100*c/total:.1f} % |')
