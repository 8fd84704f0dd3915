#!/usr/bin/env python3
"""Side by side, in one run: baocao and Typst on the same report.

Usage: scripts/peers.py BAOCAO BENCH_GEN N WORKDIR   (run by `scripts/bench.sh --peers`)

baocao renders N copies of one synthetic commune (`bench_gen 1`) with
`batch --jobs 1`, PDF alone and PDF + DOCX; Typst (PyPI package `typst`, one
compiler reused across documents) compiles benches/report.typ, the same
report, N times with a different commune name each time. Each figure is the
CPU time (user + system) of the whole child process divided by N.
"""
import os
import resource
import shutil
import subprocess
import sys

binary, bench_gen, n, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def child_cpu(cmd):
    """CPU seconds (user + system) a child process used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


# N copies of one commune, with the province's and the district's defaults.
one = os.path.join(work, "one")
subprocess.run([bench_gen, "1", one], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
district = next(d for d in sorted(os.listdir(one)) if os.path.isdir(os.path.join(one, d)))
unit = next(f for f in sorted(os.listdir(os.path.join(one, district))) if not f.startswith("_"))
copies = os.path.join(work, "copies")
os.makedirs(os.path.join(copies, district))
shutil.copy(os.path.join(one, "_defaults.yaml"), copies)
shutil.copy(os.path.join(one, district, "_defaults.yaml"), os.path.join(copies, district))
for i in range(n):
    shutil.copy(os.path.join(one, district, unit), os.path.join(copies, district, f"xa-{i:04}.yaml"))

rows = []
for formats in ["pdf", "pdf,docx"]:
    out = os.path.join(work, "out-" + formats.replace(",", "-"))
    cpu = child_cpu([binary, "batch", copies, "-o", out, "--jobs", "1", "--format", formats, "--quiet"])
    rows.append((f"baocao `batch -j 1 --format {formats}`", cpu * 1000 / n))

typst_script = """
import sys, typst
source, fonts, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
compiler = typst.Compiler(source, font_paths=[fonts], ignore_system_fonts=True)
for i in range(n):
    compiler.compile(sys_inputs={"commune": f"XÃ SỐ {i}"})
"""
try:
    import typst  # noqa: F401

    cpu = child_cpu([sys.executable, "-c", typst_script, os.path.join(root, "benches/report.typ"), os.path.join(root, "fonts"), str(n)])
    rows.append(("Typst (Python binding, one compiler reused), PDF only", cpu * 1000 / n))
except ImportError:
    print("  Typst: the Python package `typst` is not installed (pip install typst)")

base = rows[0][1]
print(f"  {n} copies of one four-page report, one thread, CPU per document of the whole process")
print(f"  {'renderer':<58} {'CPU ms/doc':>10} {'vs baocao PDF':>14}")
for name, ms in rows:
    print(f"  {name:<58} {ms:>10.2f} {ms / base:>14.2f}")
