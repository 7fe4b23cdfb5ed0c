#!/usr/bin/env python3
"""Writes a plan source with N distinct characters that no installed font has
(found from fontconfig's own charsets: fc-list), each used R times, to OUT.
Prints the characters' code points, one a line, to stdout.
Usage: gen_missing.py OUT [N] [R]"""
import subprocess, sys

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 500
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 20

# every installed font's charset, as fontconfig reports it ("20-7e a0-17f ...")
covered = []
for line in subprocess.run(["fc-list", "--format", "%{charset}\n"], capture_output=True, text=True,
                           check=True).stdout.splitlines():
    for rng in line.split():
        a, _, b = rng.partition("-")
        covered.append((int(a, 16), int(b or a, 16)))
covered.sort()

def is_covered(cp):
    lo, hi = 0, len(covered)
    while lo < hi:   # ranges overlap: check every range starting at or before cp
        mid = (lo + hi) // 2
        if covered[mid][0] <= cp: lo = mid + 1
        else: hi = mid
    return any(a <= cp <= b for a, b in covered[max(0, lo - 64):lo])

# assigned letters of scripts a Chinese document never needs (Tangut, then
# Egyptian hieroglyphs, then Cuneiform): valid XML characters, not whitespace
chars = []
for start, end in ((0x17000, 0x187F7), (0x13000, 0x1342E), (0x12000, 0x12399)):
    for cp in range(start, end + 1):
        if len(chars) == n: break
        if not is_covered(cp): chars.append(cp)
if len(chars) < n:
    sys.exit(f"only {len(chars)} uncovered characters found")

paras = []
per = 50   # characters per paragraph
for k in range(0, n * reps, per):
    seq = "".join(chr(chars[(k + i) % n]) for i in range(per))
    paras.append(f"<p>缺字測試：{seq}。</p>")
body = "\n".join(paras)
doc = f'''<?xml version="1.0" encoding="UTF-8"?>
<document kind="plan"><meta><agency>測試機關</agency><year>114</year><title>缺字測試</title></meta>
<section title="計畫依據" role="basis">
{body}
</section>
<section title="目標" role="goals"><p>無。</p></section><section title="對象" role="scope"><p>無。</p></section>
<section title="策略" role="strategies"><p>無。</p></section><section title="步驟" role="steps"><p>無。</p></section>
<section title="考核" role="evaluation"><p>無。</p></section><section title="獎勵" role="rewards"><p>無。</p></section>
</document>
'''
open(out, "w", encoding="utf-8").write(doc)
for cp in chars:
    print(f"{cp:04X}")
